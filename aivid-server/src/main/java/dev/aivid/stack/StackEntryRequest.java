package dev.aivid.stack;

import org.jspecify.annotations.Nullable;

/** One entry as the client sent it: an asset with a role, or an inline value (fps, seed). */
public record StackEntryRequest(
    @Nullable String kind, @Nullable String assetId, @Nullable String name, @Nullable Double value) {}
