package dev.aivid.credits;

import java.util.List;

public record OrganizationBalance(AccountBalance pool, List<AccountBalance> budgets) {}
