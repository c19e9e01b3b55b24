package dev.aivid.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline a ledger is usually first written as: per hold, one transaction with a conditional
 * {@code UPDATE ... WHERE available >= amount} on the pool's row and an INSERT of the transfer,
 * committed durably. Every hold on the pool queues for that one row lock until the previous
 * holder's commit is flushed. Its tables are the benchmark's own, in the same database.
 */
final class NaiveHoldPath implements HoldPath, AutoCloseable {
  static final String ACCOUNT_ID = "pool";
  private static final String UPDATE =
      "update bench_naive_accounts set available = available - ? where id = ? and available >= ?";
  private static final String INSERT =
      "insert into bench_naive_transfers (id, account_id, amount) values (?, ?, ?)";

  private final HikariDataSource pool;
  private final long amountMicros;
  private final long fundsMicros;

  private NaiveHoldPath(HikariDataSource pool, long amountMicros, long fundsMicros) {
    this.pool = pool;
    this.amountMicros = amountMicros;
    this.fundsMicros = fundsMicros;
  }

  /** Creates (or recreates) the baseline's tables and opens its own connection pool. */
  static NaiveHoldPath create(String jdbcUrl, int poolSize, long amountMicros, long fundsMicros)
      throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (!jdbcUrl.contains("user=")) {
      config.setUsername("postgres");
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(poolSize);
    // Every hold is its own explicit transaction; no autocommit toggling per borrow.
    config.setAutoCommit(false);
    // 1,024 clients queue for a few dozen connections; waiting is the measurement, not an error.
    config.setConnectionTimeout(120_000);
    config.setPoolName("bench-naive");
    HikariDataSource pool = new HikariDataSource(config);
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop table if exists bench_naive_transfers, bench_naive_accounts");
      statement.execute(
          "create table bench_naive_accounts (id text primary key, available bigint not null"
              + " check (available >= 0))");
      statement.execute(
          "create table bench_naive_transfers (id text primary key, account_id text not null"
              + " references bench_naive_accounts (id), amount bigint not null check (amount > 0),"
              + " created_at timestamptz not null default now())");
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into bench_naive_accounts (id, available) values (?, ?)")) {
        insert.setString(1, ACCOUNT_ID);
        insert.setLong(2, fundsMicros);
        insert.executeUpdate();
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
    return new NaiveHoldPath(pool, amountMicros, fundsMicros);
  }

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public boolean hold(String holdId) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
        update.setLong(1, amountMicros);
        update.setString(2, ACCOUNT_ID);
        update.setLong(3, amountMicros);
        if (update.executeUpdate() != 1) {
          connection.rollback();
          return false;
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        insert.setString(1, holdId);
        insert.setString(2, ACCOUNT_ID);
        insert.setLong(3, amountMicros);
        insert.executeUpdate();
      }
      connection.commit();
      return true;
    }
    // On an exception Hikari rolls the unfinished transaction back as the connection returns.
  }

  /** Funds spent on the row must equal the transfers recorded; empty when they do. */
  String consistencyProblem() throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "select (select available from bench_naive_accounts where id = '"
                    + ACCOUNT_ID
                    + "'), (select coalesce(sum(amount), 0) from bench_naive_transfers),"
                    + " (select count(*) from bench_naive_transfers)")) {
      row.next();
      long available = row.getLong(1);
      long transferred = row.getLong(2);
      long count = row.getLong(3);
      connection.commit();
      if (fundsMicros - available != transferred) {
        return "naive pool spent "
            + (fundsMicros - available)
            + " but transfers sum to "
            + transferred
            + " over "
            + count
            + " rows";
      }
      return "";
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
