package dev.aivid.database;

import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Cluster-wide "one node at a time" for scheduled work: a PostgreSQL session-level advisory lock,
 * tried, never waited for. The lock dies with its connection, so a node killed mid-work never
 * leaves it behind.
 */
public final class AdvisoryLock {
  private AdvisoryLock() {}

  /** Runs {@code work} while holding lock {@code key}, or returns empty at once when another session holds it. */
  public static <T> Optional<T> whileLocked(Jdbi jdbi, long key, Supplier<T> work) {
    return jdbi.withHandle(
        handle -> {
          boolean locked =
              handle.createQuery("select pg_try_advisory_lock(:key)").bind("key", key).mapTo(Boolean.class).one();
          if (!locked) {
            return Optional.<T>empty();
          }
          try {
            return Optional.of(work.get());
          } finally {
            handle.createQuery("select pg_advisory_unlock(:key)").bind("key", key).mapTo(Boolean.class).one();
          }
        });
  }
}
