package dev.aivid.api.internal;

import dev.aivid.credits.LedgerService;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The balance streams of one node: one balance read per ledger commit per organisation, shared by
 * every stream of that organisation here. (Each stream reading for itself made a commit cost as
 * many reads as there were subscribers, and the last subscriber waited for all of them.)
 *
 * <p>Every read gets a sequence number when it starts, and a subscriber keeps only the highest it
 * was given: a read that started later saw every commit an earlier one saw, so the last balance a
 * stream sends is never older than the last notification.
 */
public final class BalanceFeeds {
  private static final Logger LOG = LoggerFactory.getLogger(BalanceFeeds.class);

  /** A balance as sent, with the sequence number of the read that produced it. */
  public record Balance(long sequence, String json) {}

  /** Where a stream receives balances; called from any thread, it must not block. */
  public interface Subscriber {
    void accept(Balance balance);
  }

  private final LedgerService ledger;
  private final Function<String, String> read;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Feed> feeds = new HashMap<>();

  /** @param read the balance of an organisation as the stream sends it */
  public BalanceFeeds(LedgerService ledger, Function<String, String> read) {
    this.ledger = ledger;
    this.read = read;
  }

  /**
   * Subscribes to the organisation's balance after every commit that changes it, and hands the
   * balance now to {@code subscriber} before returning.
   */
  public AutoCloseable subscribe(String organizationId, Subscriber subscriber) {
    Feed feed;
    synchronized (feeds) {
      feed = feeds.computeIfAbsent(organizationId, Feed::new);
      feed.subscribers.add(subscriber);
    }
    subscriber.accept(readNow(organizationId));
    return () -> {
      synchronized (feeds) {
        feed.subscribers.remove(subscriber);
        if (feed.subscribers.isEmpty() && feeds.get(organizationId) == feed) {
          feeds.remove(organizationId);
          feed.close();
        }
      }
    };
  }

  private Balance readNow(String organizationId) {
    long started = sequence.incrementAndGet();
    return new Balance(started, read.apply(organizationId));
  }

  private final class Feed {
    private final String organizationId;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requested = new AtomicInteger();
    private final AutoCloseable subscription;

    Feed(String organizationId) {
      this.organizationId = organizationId;
      this.subscription = ledger.subscribe(organizationId, () -> Thread.startVirtualThread(this::readAndDeliver));
    }

    /** Coalesces: while a read runs, later notifications only ask for one more read after it. */
    private void readAndDeliver() {
      if (requested.getAndIncrement() > 0) {
        return;
      }
      while (true) {
        int seen = requested.get();
        try {
          Balance balance = readNow(organizationId);
          subscribers.forEach(subscriber -> subscriber.accept(balance));
        } catch (RuntimeException e) {
          LOG.warn("Could not read the balance of {} for its streams", organizationId, e);
        }
        if (requested.compareAndSet(seen, 0)) {
          return;
        }
      }
    }

    void close() {
      try {
        subscription.close();
      } catch (Exception ignored) {
        // Unsubscribing only removes a listener from a map.
      }
    }
  }
}
