package dev.aivid.credits;

import java.util.Locale;
import java.util.Optional;

/** The levels a hold is checked against, outermost first. */
public enum BudgetScope {
  ORGANIZATION("organization_pool"),
  PROJECT("project_budget"),
  API_KEY("api_key_budget");

  private final String accountKind;

  BudgetScope(String accountKind) {
    this.accountKind = accountKind;
  }

  public String accountKind() {
    return accountKind;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<BudgetScope> fromWireName(String value) {
    for (BudgetScope scope : values()) {
      if (scope.wireName().equals(value)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
