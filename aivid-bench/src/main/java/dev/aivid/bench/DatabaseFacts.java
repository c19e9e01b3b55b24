package dev.aivid.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The database the numbers came from: its version, the settings that decide what a commit costs,
 * and what one durable commit costs on this disk (one connection, one-row insert, in a loop).
 */
public record DatabaseFacts(
    String version,
    Map<String, String> settings,
    long probeCommits,
    double probeSeconds,
    long probeP50Micros,
    long probeP99Micros) {

  static final String[] SETTINGS = {
    "fsync",
    "synchronous_commit",
    "full_page_writes",
    "wal_sync_method",
    "wal_init_zero",
    "shared_buffers",
    "max_wal_size",
    "max_connections"
  };

  public DatabaseFacts {
    settings = Map.copyOf(settings);
  }

  public boolean durable() {
    return "on".equals(settings.get("fsync")) && "on".equals(settings.get("synchronous_commit"));
  }

  static DatabaseFacts read(DataSource dataSource, Duration probe) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      String version;
      Map<String, String> settings = new LinkedHashMap<>();
      try (Statement statement = connection.createStatement()) {
        try (ResultSet row = statement.executeQuery("show server_version")) {
          row.next();
          version = row.getString(1);
        }
        for (String setting : SETTINGS) {
          try (ResultSet row = statement.executeQuery("show " + setting)) {
            row.next();
            settings.put(setting, row.getString(1));
          }
        }
        statement.execute(
            "create table if not exists bench_commit_probe (id bigserial primary key, at"
                + " timestamptz not null default now())");
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      LongSamples latencies = new LongSamples(4096);
      long start = System.nanoTime();
      long end = start + probe.toNanos();
      try (PreparedStatement insert =
          connection.prepareStatement("insert into bench_commit_probe default values")) {
        long now;
        while ((now = System.nanoTime()) - end < 0) {
          insert.executeUpdate();
          connection.commit();
          latencies.add((System.nanoTime() - now) / 1_000);
        }
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      LatencySummary summary = LatencySummary.of(LongSamples.concat(java.util.List.of(latencies)));
      return new DatabaseFacts(
          version,
          settings,
          summary.sampleCount(),
          seconds,
          summary.p50Micros(),
          summary.p99Micros());
    }
  }
}
