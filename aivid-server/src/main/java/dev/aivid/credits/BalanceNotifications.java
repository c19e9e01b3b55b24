package dev.aivid.credits;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@code aivid_credits} channel, which every ledger commit notifies (on any
 * node), and wakes this node's balance subscribers. Notifications are sent at commit, so a balance
 * read after one is never behind the ledger.
 */
final class BalanceNotifications implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BalanceNotifications.class);
  private final DataSource dataSource;
  private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();
  private volatile boolean running;
  private @Nullable Thread thread;

  BalanceNotifications(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void start() {
    running = true;
    thread = Thread.ofPlatform().name("ledger-notifications").daemon().start(this::listenLoop);
  }

  AutoCloseable subscribe(String organizationId, Runnable listener) {
    listeners.computeIfAbsent(organizationId, key -> new CopyOnWriteArraySet<>()).add(listener);
    return () -> {
      Set<Runnable> set = listeners.get(organizationId);
      if (set != null) {
        set.remove(listener);
      }
    };
  }

  private void listenLoop() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen aivid_credits");
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = postgres.getNotifications(500);
          if (received == null) {
            continue;
          }
          for (PGNotification notification : received) {
            Set<Runnable> set = listeners.get(notification.getParameter());
            if (set != null) {
              set.forEach(BalanceNotifications::runQuietly);
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          LOG.warn("Balance notifications lost their connection; reconnecting", e);
          try {
            Thread.sleep(1_000);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }

  private static void runQuietly(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException e) {
      LOG.warn("A balance listener failed", e);
    }
  }

  @Override
  public void close() {
    running = false;
    Thread current = thread;
    if (current != null) {
      try {
        current.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
