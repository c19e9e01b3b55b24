package dev.aivid.support;

import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.CreatedApiKey;
import dev.aivid.account.Organization;
import dev.aivid.config.AppConfig;
import dev.aivid.config.WebhookConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One real server (embedded PostgreSQL, Javalin, workers) shared by the test classes of a run;
 * each test isolates itself in an organisation of its own.
 */
public final class TestServers {
  public static final String BOOTSTRAP_KEY = "aivid_test_bootstrap_key_0123456789";
  public static final long TENANT_CREDITS_MICROS = 1_000_000_000L;
  private static App shared;

  private TestServers() {}

  public static synchronized App shared() {
    if (shared == null) {
      shared = App.start(config(temporaryDirectory("aivid-shared-")));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** Webhook tests deliver to receivers on 127.0.0.1, so private webhook URLs are allowed here. */
  public static AppConfig config(Path dataDirectory) {
    return new AppConfig(
            0, dataDirectory, null, BOOTSTRAP_KEY, 2L * 1024 * 1024, 4, 5_000, false, false, 1_000_000_000L)
        .withWebhooks(WebhookConfig.defaults().withPrivateUrls(true));
  }

  public static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh organisation with an admin key, so tests never see each other's videos. */
  public static Tenant newTenant(App app) {
    Organization organization =
        app.accounts().createOrganization("test-" + UUID.randomUUID());
    CreatedApiKey key = app.accounts().createKey(organization, "test", ApiKeyRole.ADMIN);
    app.ledger().grant(organization.id(), TENANT_CREDITS_MICROS, "test funds", null);
    return new Tenant(organization, key.secret(), "http://localhost:" + app.port());
  }

  /** A fresh organisation that has saved its own credential for {@code provider} over the API. */
  public static Http tenantWithCredential(App app, String provider, String apiKey, String providerBaseUrl) {
    Tenant tenant = newTenant(app);
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());
    Http.Response saved =
        http.postJson(
            "/v1/providers/" + provider + "/credentials",
            "{\"api_key\":\"" + apiKey + "\",\"base_url\":\"" + providerBaseUrl + "\"}");
    if (saved.status() != 200) {
      throw new IllegalStateException("saving the " + provider + " credential answered " + saved.status() + ": " + saved.text());
    }
    return http;
  }

  public record Tenant(Organization organization, String apiKey, String baseUrl) {}
}
