package dev.aivid.stack;

/** An {@code @mention} in the prompt, resolved to a stack entry, with the role words after it. */
public record Mention(String token, int start, int end, int entryIndex, String role) {}
