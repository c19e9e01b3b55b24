package dev.aivid.preflight.internal;

import dev.aivid.preflight.PreflightInput;

/** Figures computed from one stack entry, with the entry they came from. */
public record Sized<T>(PreflightInput input, T figures) {}
