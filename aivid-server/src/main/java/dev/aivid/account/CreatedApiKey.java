package dev.aivid.account;

/** A freshly created key: the only moment the full secret exists outside the caller's hands. */
public record CreatedApiKey(ApiKey key, String secret) {}
