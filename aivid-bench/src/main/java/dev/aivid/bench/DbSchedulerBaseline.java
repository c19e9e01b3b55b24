package dev.aivid.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * The same-run baseline for the job queue: db-scheduler (16.7.1, the library the stack names)
 * executing no-op one-time tasks from its own table in the same durable database, with the
 * lock-and-fetch polling its authors benchmark (lower limit 4.0 and upper limit 20.0 times the
 * threads: {@code SELECT … FOR UPDATE SKIP LOCKED} a batch, then delete each row as it
 * completes). A round counts from {@code start()} until every row of the round is gone.
 */
final class DbSchedulerBaseline implements AutoCloseable {
  static final String VERSION = "16.7.1";
  static final double LOWER_LIMIT_FRACTION_OF_THREADS = 4.0;
  static final double UPPER_LIMIT_FRACTION_OF_THREADS = 20.0;
  private static final String TASK = "bench-noop";

  /** db-scheduler's PostgreSQL table, as its repository ships it. */
  private static final String TABLE =
      "create table if not exists scheduled_tasks (task_name text not null, task_instance text not"
          + " null, task_data bytea, execution_time timestamp with time zone, picked boolean not"
          + " null, picked_by text, last_success timestamp with time zone, last_failure timestamp"
          + " with time zone, consecutive_failures int, last_heartbeat timestamp with time zone,"
          + " version bigint not null, priority smallint, state text, primary key (task_name,"
          + " task_instance));"
          + " create index if not exists execution_time_idx on scheduled_tasks (execution_time);"
          + " create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat);"
          + " create index if not exists priority_execution_time_idx on scheduled_tasks (priority"
          + " desc, execution_time asc);";

  private final HikariDataSource dataSource;

  /** A pool of its own on the node's database, as large as the most threads a round uses needs. */
  DbSchedulerBaseline(String jdbcUrl, String user, int maxThreads) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setMaximumPoolSize(maxThreads + 4);
    config.setPoolName("db-scheduler-baseline");
    this.dataSource = new HikariDataSource(config);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(TABLE);
    }
  }

  ScaleBench.ClaimResult run(int threads, int round, int rows) throws SQLException, InterruptedException {
    String prefix = "r" + round + "t" + threads + "_";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into scheduled_tasks (task_name, task_instance, execution_time, picked,"
                    + " version) select ?, ? || g, now() - interval '1 second', false, 1 from"
                    + " generate_series(1, ?) g")) {
      insert.setString(1, TASK);
      insert.setString(2, prefix);
      insert.setInt(3, rows);
      insert.executeUpdate();
    }
    CountDownLatch executed = new CountDownLatch(rows);
    OneTimeTask<Void> task = Tasks.oneTime(TASK).execute((instance, context) -> executed.countDown());
    Scheduler scheduler =
        Scheduler.create(dataSource, task)
            .threads(threads)
            .pollUsingLockAndFetch(LOWER_LIMIT_FRACTION_OF_THREADS, UPPER_LIMIT_FRACTION_OF_THREADS)
            .pollingInterval(Duration.ofMillis(100))
            .shutdownMaxWait(Duration.ofSeconds(10))
            .build();
    long started = System.nanoTime();
    scheduler.start();
    try {
      executed.await();
      // An execution is finished once its row is deleted, just after the handler returns.
      while (remaining(prefix) > 0) {
        LockSupport.parkNanos(200_000);
      }
    } finally {
      scheduler.stop();
    }
    return new ScaleBench.ClaimResult(threads, rows, (System.nanoTime() - started) / 1e9);
  }

  private long remaining(String prefix) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count =
            connection.prepareStatement(
                "select count(*) from scheduled_tasks where task_name = ? and task_instance like ?")) {
      count.setString(1, TASK);
      count.setString(2, prefix + "%");
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
