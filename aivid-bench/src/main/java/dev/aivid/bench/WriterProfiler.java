package dev.aivid.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Samples the stack of the ledger's writer thread at a fixed interval and files each sample under
 * the stage of the group commit it shows. The writer is one platform thread that writes batch
 * after batch (their commits run on the committer thread, overlapping the next write), so its time
 * split is where every hold's time goes.
 */
final class WriterProfiler {
  static final String ENGINE = "dev.aivid.credits.internal.LedgerEngine";
  static final String WRITER_THREAD = "ledger-writer";
  static final String IDLE = "waiting for work (queue empty)";

  record Classified(String stage, boolean inDatabase) {}

  private final Thread target;
  private final Duration interval;
  private final Map<String, long[]> counts = new LinkedHashMap<>();
  private volatile boolean running;
  private @Nullable Thread sampler;

  WriterProfiler(Thread target, Duration interval) {
    this.target = target;
    this.interval = interval;
  }

  /** The live thread called {@code name}, if there is exactly one. */
  static @Nullable Thread findThread(String name) {
    Thread found = null;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals(name) && thread.isAlive()) {
        if (found != null) {
          return null;
        }
        found = thread;
      }
    }
    return found;
  }

  void start() {
    running = true;
    sampler =
        Thread.ofPlatform()
            .name("aivid-bench-writer-profiler")
            .daemon()
            .start(
                () -> {
                  long next = System.nanoTime();
                  while (running) {
                    Classified sample = classify(target.getStackTrace());
                    synchronized (counts) {
                      long[] stage = counts.computeIfAbsent(sample.stage(), key -> new long[2]);
                      stage[0]++;
                      if (sample.inDatabase()) {
                        stage[1]++;
                      }
                    }
                    next += interval.toNanos();
                    ClosedLoopDriver.sleepUntil(next);
                  }
                });
  }

  WriterProfile stop() {
    running = false;
    Thread thread = sampler;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (counts) {
      return WriterProfile.of(counts);
    }
  }

  /** Files one stack (innermost frame first) under a batch stage. */
  static Classified classify(StackTraceElement[] stack) {
    boolean inDatabase = false;
    for (int index = 0; index < stack.length; index++) {
      StackTraceElement frame = stack[index];
      String className = frame.getClassName();
      if (className.equals("sun.nio.ch.NioSocketImpl")
          || className.equals("sun.nio.ch.SocketDispatcher")
          || className.equals("sun.nio.ch.Net")) {
        inDatabase = true;
      }
      if (!className.equals(ENGINE)) {
        continue;
      }
      String callee = index == 0 ? "" : stack[index - 1].getMethodName();
      String calleeClass = index == 0 ? "" : stack[index - 1].getClassName();
      return new Classified(stage(frame.getMethodName(), calleeClass, callee), inDatabase);
    }
    return new Classified("outside the engine", inDatabase);
  }

  private static String stage(String method, String calleeClass, String callee) {
    if (method.startsWith("lambda$applyOne")) {
      return "complete futures (wake clients)";
    }
    return switch (method) {
      case "writeLoop" ->
          calleeClass.endsWith("ArrayBlockingQueue") && callee.equals("poll")
              ? IDLE
              : "take batch from queue";
      case "commit" -> "complete futures (wake clients)";
      case "apply" ->
          switch (callee) {
            case "commit" -> "commit (WAL flush, fsync)";
            case "getConnection" -> "borrow connection";
            case "setAutoCommit" -> "begin";
            case "close" -> "return connection";
            case "rollback" -> "rollback";
            case "" -> "apply (engine code)";
            default -> "apply: " + callee;
          };
      case "ensureAccounts" -> "ensure accounts exist";
      case "loadPending" -> "load pending holds (settles)";
      case "loadExisting" -> "idempotency lookup (select by hold ids)";
      case "lockAccounts" -> "lock accounts (select for update)";
      case "applyOne", "hold", "budget", "settle", "grant" -> "apply holds in memory";
      case "writeBatch" ->
          callee.equals("copy")
              ? "copy transfers in (binary COPY)"
              : "write balances, notify (one statement)";
      case "connection", "discardConnection", "releaseConnection" -> "borrow connection";
      default -> "other: " + method;
    };
  }
}
