package dev.aivid.preflight;

/** What to change so a finding goes away; {@code detail} says it in a director's words. */
public record AutoFix(FixAction action, String detail) {}
