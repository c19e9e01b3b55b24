package dev.aivid.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JDK client's request timeout ends at the response headers; a server that then sends half a
 * body and goes quiet would hold the reading thread forever. This guard closes the body stream when
 * no byte arrives for {@code idleMillis} or the whole read passes {@code deadlineMillis}, which
 * turns the stall into an IOException the caller already handles.
 */
final class StallGuard {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "provider-stall-guard");
            thread.setDaemon(true);
            return thread;
          });
  private static final long CHECK_MILLIS = 250;

  private StallGuard() {}

  /** A stream that is closed under the reader if it stalls; close it (or read it to the end) when done. */
  static GuardedStream guard(InputStream body, long idleMillis, long deadlineMillis) {
    return new GuardedStream(body, idleMillis, deadlineMillis);
  }

  static final class GuardedStream extends InputStream {
    private final InputStream body;
    private final AtomicLong lastProgressNanos = new AtomicLong(System.nanoTime());
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean stalled = new AtomicBoolean();
    private final ScheduledFuture<?> check;

    private GuardedStream(InputStream body, long idleMillis, long deadlineMillis) {
      this.body = body;
      this.check =
          TIMER.scheduleAtFixedRate(
              () -> {
                long now = System.nanoTime();
                boolean idle = now - lastProgressNanos.get() > TimeUnit.MILLISECONDS.toNanos(idleMillis);
                boolean late = now - startNanos > TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
                if ((idle || late) && stalled.compareAndSet(false, true)) {
                  try {
                    body.close();
                  } catch (IOException ignored) {
                    // Closing is how the reader is woken; a failure to close changes nothing.
                  }
                }
              },
              CHECK_MILLIS,
              CHECK_MILLIS,
              TimeUnit.MILLISECONDS);
    }

    boolean stalled() {
      return stalled.get();
    }

    @Override
    public int read() throws IOException {
      int value = body.read();
      lastProgressNanos.set(System.nanoTime());
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        int count = body.read(buffer, offset, length);
        lastProgressNanos.set(System.nanoTime());
        return count;
      } catch (IOException e) {
        if (stalled.get()) {
          throw new IOException("the body stalled (no data within the idle timeout or past the deadline)", e);
        }
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      check.cancel(false);
      body.close();
    }
  }
}
