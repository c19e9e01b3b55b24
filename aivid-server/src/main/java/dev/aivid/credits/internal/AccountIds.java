package dev.aivid.credits.internal;

/** Deterministic account ids, so a batch knows which rows to lock without looking them up. */
public final class AccountIds {
  private AccountIds() {}

  public static String pool(String organizationId) {
    return "pool:" + organizationId;
  }

  public static String grants(String organizationId) {
    return "grants:" + organizationId;
  }

  public static String provider(String organizationId, String provider) {
    return "provider:" + organizationId + ":" + provider;
  }

  public static String projectBudget(String projectId) {
    return "project:" + projectId;
  }

  public static String apiKeyBudget(String apiKeyId) {
    return "key:" + apiKeyId;
  }
}
