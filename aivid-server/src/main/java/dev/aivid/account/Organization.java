package dev.aivid.account;

public record Organization(String id, String name, String defaultProjectId) {}
