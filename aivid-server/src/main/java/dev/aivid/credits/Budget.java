package dev.aivid.credits;

public record Budget(
    String id, BudgetScope scope, String targetId, long limitMicros, ResetPeriod resetPeriod) {}
