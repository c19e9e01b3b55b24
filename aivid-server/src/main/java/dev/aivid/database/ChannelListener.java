package dev.aivid.database;

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
 * Listens on one PostgreSQL notification channel and wakes this node's subscribers of the
 * notification's payload (an organisation id, a video id…). Writers notify inside their
 * transaction, so a read after the wake-up sees the change, whichever node made it.
 */
public final class ChannelListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelListener.class);
  private static final int WAIT_MILLIS = 500;

  private final DataSource dataSource;
  private final String channel;
  private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();
  private volatile boolean running;
  private @Nullable Thread thread;

  public ChannelListener(DataSource dataSource, String channel) {
    if (!channel.matches("[a-z_]{1,63}")) {
      throw new IllegalArgumentException("channel names are lower-case identifiers");
    }
    this.dataSource = dataSource;
    this.channel = channel;
  }

  public void start() {
    running = true;
    thread = Thread.ofPlatform().name(channel + "-listener").daemon().start(this::listenLoop);
  }

  /** Runs {@code listener} after every notification carrying {@code key}, until the result is closed. */
  public AutoCloseable subscribe(String key, Runnable listener) {
    listeners.computeIfAbsent(key, ignored -> new CopyOnWriteArraySet<>()).add(listener);
    return () ->
        listeners.computeIfPresent(
            key,
            (ignored, set) -> {
              set.remove(listener);
              return set.isEmpty() ? null : set;
            });
  }

  private void listenLoop() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + channel);
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = postgres.getNotifications(WAIT_MILLIS);
          if (received == null) {
            continue;
          }
          for (PGNotification notification : received) {
            Set<Runnable> set = listeners.get(notification.getParameter());
            if (set != null) {
              set.forEach(ChannelListener::runQuietly);
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          LOG.warn("Notifications on {} lost their connection; reconnecting", channel, e);
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
      LOG.warn("A notification listener failed", e);
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
