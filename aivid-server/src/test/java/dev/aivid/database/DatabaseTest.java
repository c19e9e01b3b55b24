package dev.aivid.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.App;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  private static String setting(Database database, String name) {
    return database.jdbi().withHandle(handle -> handle.createQuery("show " + name).mapTo(String.class).one());
  }

  @Test
  void theDurableEmbeddedDatabaseSyncsEveryCommit() {
    Path directory = TestServers.temporaryDirectory("aivid-durable-");
    try (Database database = Database.open(null, directory, true)) {
      assertThat(database.isEmbedded()).isTrue();
      assertThat(setting(database, "fsync")).isEqualTo("on");
      assertThat(setting(database, "synchronous_commit")).isEqualTo("on");
    }
  }

  @Test
  void theServerRunsOnAnExternalDatabaseGivenByUrl() throws Exception {
    try (EmbeddedPostgres external = EmbeddedPostgres.start()) {
      String url = external.getJdbcUrl("postgres", "postgres");
      Path directory = TestServers.temporaryDirectory("aivid-external-");
      var config =
          new dev.aivid.config.AppConfig(
              0, directory, url, TestServers.BOOTSTRAP_KEY, 1024 * 1024, 2, 5_000, false, false, 1_000_000_000L);
      try (App app = App.start(config)) {
        assertThat(app.database().isEmbedded()).isFalse();
        Http http = new Http("http://localhost:" + app.port(), TestServers.BOOTSTRAP_KEY);
        assertThat(http.get("/v1/videos").status()).isEqualTo(200);
      }
      assertThat(directory.resolve("postgres")).doesNotExist();
    }
  }
}
