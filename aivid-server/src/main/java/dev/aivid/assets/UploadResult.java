package dev.aivid.assets;

/** A stored asset, and whether it was already there (same bytes uploaded before). */
public record UploadResult(Asset asset, boolean deduplicated) {}
