package dev.aivid.api.internal;

import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A server-sent event stream driven by wake-ups (PostgreSQL notifications from any node): one
 * sender at a time per client, and a wake-up that arrives while it sends makes it pass once more,
 * so no change is missed and none waits behind a slow reader of another stream.
 */
public final class CoalescedEvents {
  private CoalescedEvents() {}

  /** One pass over what changed since the last; {@code false} ends the stream. */
  @FunctionalInterface
  public interface Pass {
    boolean send() throws IOException;
  }

  /**
   * Subscribes (the function gets the wake-up to call on every change and returns the
   * subscription), sends a first pass now, and keeps the client open until a pass ends it or the
   * client goes away.
   */
  public static void follow(SseClient client, Function<Runnable, AutoCloseable> subscribe, Pass pass) {
    AtomicInteger requested = new AtomicInteger();
    Runnable send =
        () -> {
          if (requested.getAndIncrement() > 0) {
            return;
          }
          while (true) {
            int seen = requested.get();
            try {
              if (!pass.send()) {
                client.close();
                return;
              }
            } catch (IOException | RuntimeException e) {
              client.close();
              return;
            }
            if (requested.compareAndSet(seen, 0)) {
              return;
            }
          }
        };
    // Each client sends on its own virtual thread, so one slow reader never delays the others.
    AutoCloseable subscription = subscribe.apply(() -> Thread.startVirtualThread(send));
    client.onClose(
        () -> {
          try {
            subscription.close();
          } catch (Exception ignored) {
            // Unsubscribing only removes a listener from a map; it cannot fail meaningfully.
          }
        });
    send.run();
    client.keepAlive();
  }
}
