package dev.aivid.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Entry point of {@code ./aivid bench}. By default (or {@code gateway}) it measures what the
 * gateway adds to {@code GET /v1/videos/{id}}: the real server and a bare Javalin handler serving
 * the same bytes run side by side in this process under the same fixed-rate load, in interleaved
 * rounds so that drift (JIT, thermal, neighbours) hits both. {@code ledger} runs {@link
 * LedgerBench}: credit holds per second on one hot pool, the real ledger beside a naive baseline.
 * {@code parse} runs {@link ParseBench}: aivid-media parser throughput beside naive baselines.
 * {@code scale} runs {@link ScaleBench}: many provider-bound jobs, the bare queue's claims per
 * second and SSE fan-out.
 */
public final class BenchMain {
  private static final int SETUP_FAILURE = 1;
  private static final int USAGE_ERROR = 2;

  private BenchMain() {}

  private static final int CHECK_FAILED = 3;

  /**
   * {@code ./aivid bench [gateway] [options]} runs the gateway-overhead benchmark; {@code ./aivid
   * bench ledger [options]} runs the credit-ledger benchmark; {@code ./aivid bench parse
   * [options]} the media-parser benchmark.
   */
  public static void main(String[] arguments) throws InterruptedException {
    List<String> argumentList = Arrays.asList(arguments);
    String mode = argumentList.isEmpty() ? "gateway" : argumentList.getFirst();
    if (mode.equals("ledger")) {
      ledger(argumentList.subList(1, argumentList.size()));
      return;
    }
    if (mode.equals("parse")) {
      parse(argumentList.subList(1, argumentList.size()));
      return;
    }
    if (mode.equals("media")) {
      media(argumentList.subList(1, argumentList.size()));
      return;
    }
    if (mode.equals("routing")) {
      routing(argumentList.subList(1, argumentList.size()));
      return;
    }
    if (mode.equals("scale")) {
      scale(argumentList.subList(1, argumentList.size()));
      return;
    }
    if (mode.equals("gateway") && !argumentList.isEmpty()) {
      argumentList = argumentList.subList(1, argumentList.size());
    }
    gateway(argumentList);
  }

  private static void quietLogs() {
    // The gateway logs every startup step at INFO; only problems belong next to the numbers.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Parses a benchmark's options; prints its usage and returns null for --help, and exits with
   * {@link #USAGE_ERROR} on a bad option.
   */
  private static <T> @org.jspecify.annotations.Nullable T options(
      List<String> argumentList, String command, String usage, Function<List<String>, T> parser) {
    if (argumentList.contains("--help") || argumentList.contains("-h")) {
      System.out.print(usage);
      return null;
    }
    try {
      return parser.apply(argumentList);
    } catch (IllegalArgumentException e) {
      System.err.println(command + ": " + e.getMessage());
      System.err.print(usage);
      System.exit(USAGE_ERROR);
      return null;
    }
  }

  private static void parse(List<String> argumentList) {
    ParseBench.Options options =
        options(argumentList, "aivid bench parse", ParseBench.USAGE, ParseBench.Options::parse);
    if (options == null) {
      return;
    }
    long startedNanos = System.nanoTime();
    ParseBench.Result result = ParseBench.run(options, System.err);
    System.out.print(ParseBenchReport.markdown(result));
    System.out.printf(
        "%nrun took %.0f s including input generation%n", (System.nanoTime() - startedNanos) / 1e9);
  }

  private static void media(List<String> argumentList) {
    MediaBench.Options options =
        options(argumentList, "aivid bench media", MediaBench.USAGE, MediaBench.Options::parse);
    if (options == null) {
      return;
    }
    quietLogs();
    try {
      System.out.print(MediaBench.run(options, System.err));
    } catch (java.io.IOException e) {
      System.err.println("aivid bench media: " + e.getMessage());
      System.exit(SETUP_FAILURE);
    }
  }

  private static void routing(List<String> argumentList) {
    RoutingBench.Options options =
        options(argumentList, "aivid bench routing", RoutingBench.USAGE, RoutingBench.Options::parse);
    if (options == null) {
      return;
    }
    quietLogs();
    try {
      System.out.print(RoutingBench.markdown(RoutingBench.run(options, System.err)));
    } catch (java.io.IOException e) {
      System.err.println("aivid bench routing: " + e.getMessage());
      System.exit(SETUP_FAILURE);
    }
  }

  private static void scale(List<String> argumentList) throws InterruptedException {
    ScaleBench.Options options =
        options(argumentList, "aivid bench scale", ScaleBench.USAGE, ScaleBench.Options::parse);
    if (options == null) {
      return;
    }
    quietLogs();
    long startedNanos = System.nanoTime();
    try {
      System.out.print(ScaleBench.markdown(ScaleBench.run(options, System.err)));
    } catch (java.io.IOException | SetupException e) {
      System.err.println("aivid bench scale: " + e.getMessage());
      if (e.getCause() != null) {
        e.getCause().printStackTrace(System.err);
      }
      System.exit(SETUP_FAILURE);
    }
    System.out.printf("%nrun took %.0f s including setup%n", (System.nanoTime() - startedNanos) / 1e9);
  }

  private static void ledger(List<String> argumentList) {
    LedgerBenchOptions options =
        options(argumentList, "aivid bench ledger", LedgerBenchOptions.USAGE, LedgerBenchOptions::parse);
    if (options == null) {
      return;
    }
    quietLogs();
    long startedNanos = System.nanoTime();
    LedgerBenchReport report;
    try {
      report = LedgerBench.run(options, System.err);
    } catch (SetupException e) {
      System.err.println("aivid bench ledger: setup failed: " + e.getMessage());
      if (e.getCause() != null) {
        e.getCause().printStackTrace(System.err);
      }
      System.exit(SETUP_FAILURE);
      return;
    }
    System.out.print(report.markdown());
    System.out.printf(
        "%nrun took %.0f s including setup%n", (System.nanoTime() - startedNanos) / 1e9);
    if (report.failed()) {
      System.err.println(
          "aivid bench ledger: the ledger disagreed with itself (drift or balance violations)");
      System.exit(CHECK_FAILED);
    }
  }

  private static void gateway(List<String> argumentList) throws InterruptedException {
    BenchOptions options = options(argumentList, "aivid bench", BenchOptions.USAGE, BenchOptions::parse);
    if (options == null) {
      return;
    }
    quietLogs();
    long startedNanos = System.nanoTime();
    BenchReport report;
    try {
      report = run(options, System.err);
    } catch (SetupException e) {
      System.err.println("aivid bench: setup failed: " + e.getMessage());
      if (e.getCause() != null) {
        e.getCause().printStackTrace(System.err);
      }
      System.exit(SETUP_FAILURE);
      return;
    }
    System.out.print(report.markdown());
    System.out.printf(
        "%nrun took %.0f s including setup%n", (System.nanoTime() - startedNanos) / 1e9);
  }

  static BenchReport run(BenchOptions options, PrintStream progress) throws InterruptedException {
    byte[] keyBytes = new byte[12];
    new SecureRandom().nextBytes(keyBytes);
    String apiKey = "aivid-bench-" + HexFormat.of().formatHex(keyBytes);
    progress.println("aivid bench: starting the gateway and rendering one video...");
    GatewayTarget gateway;
    try {
      gateway = GatewayTarget.start(apiKey);
    } catch (IOException | RuntimeException e) {
      throw new SetupException("could not start the gateway or create the benchmark video", e);
    }
    // Embedded PostgreSQL is a separate process: stop it even when the run is interrupted.
    Thread stopGateway = new Thread(gateway::close, "aivid-bench-shutdown");
    Runtime.getRuntime().addShutdownHook(stopGateway);
    try (gateway;
        BareTarget bare = startBare(gateway);
        HttpClient bareClient = OpenLoopDriver.newClient();
        HttpClient gatewayClient = OpenLoopDriver.newClient()) {
      byte[] expected = gateway.videoResponseBytes();
      HttpRequest bareRequest = GatewayTarget.authorizedGet(bare.videoUri(), apiKey);
      HttpRequest gatewayRequest = GatewayTarget.authorizedGet(gateway.videoUri(), apiKey);
      checkServes(bareClient, bareRequest, bare.name(), expected, progress);
      checkServes(gatewayClient, gatewayRequest, gateway.name(), expected, progress);

      OpenLoopDriver bareDriver = new OpenLoopDriver(bareClient, options.connections());
      OpenLoopDriver gatewayDriver = new OpenLoopDriver(gatewayClient, options.connections());
      int rate = options.rateRequestsPerSecond();
      if (options.warmupSeconds() > 0) {
        Duration warmup = Duration.ofSeconds(options.warmupSeconds());
        progress.printf("aivid bench: warming up, %s each...%n", warmup);
        bareDriver.run(bare.name(), 0, bareRequest, rate, warmup);
        gatewayDriver.run(gateway.name(), 0, gatewayRequest, rate, warmup);
      }
      List<RoundResult> bareRounds = new ArrayList<>();
      List<RoundResult> gatewayRounds = new ArrayList<>();
      List<RoundResult> allRounds = new ArrayList<>();
      for (int round = 1; round <= options.rounds(); round++) {
        RoundResult bareResult =
            bareDriver.run(bare.name(), round, bareRequest, rate, options.roundDuration());
        RoundResult gatewayResult =
            gatewayDriver.run(
                gateway.name(), round, gatewayRequest, rate, options.roundDuration());
        bareRounds.add(bareResult);
        gatewayRounds.add(gatewayResult);
        allRounds.add(bareResult);
        allRounds.add(gatewayResult);
        progress.printf(
            "aivid bench: round %d/%d  bare p50 %d p99 %d µs  gateway p50 %d p99 %d µs%n",
            round,
            options.rounds(),
            bareResult.latency().p50Micros(),
            bareResult.latency().p99Micros(),
            gatewayResult.latency().p50Micros(),
            gatewayResult.latency().p99Micros());
      }
      return new BenchReport(
          MachineFacts.current(),
          options,
          expected.length,
          TargetSummary.of(bare.name(), rate, bareRounds),
          TargetSummary.of(gateway.name(), rate, gatewayRounds),
          allRounds);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopGateway);
      } catch (IllegalStateException shuttingDown) {
        // The hook is already running and stops the gateway itself.
      }
    }
  }

  private static BareTarget startBare(GatewayTarget gateway) {
    try {
      return BareTarget.start(gateway.videoId(), gateway.videoResponseBytes());
    } catch (RuntimeException e) {
      throw new SetupException("could not start the bare Javalin server", e);
    }
  }

  /** Both targets must answer 200 with the captured bytes, or the comparison is meaningless. */
  private static void checkServes(
      HttpClient client,
      HttpRequest request,
      String targetName,
      byte[] expected,
      PrintStream progress)
      throws InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new SetupException(targetName + " did not answer " + request.uri(), e);
    }
    if (response.statusCode() != 200) {
      throw new SetupException(
          targetName + " answered " + response.statusCode() + " to " + request.uri(), null);
    }
    if (!Arrays.equals(response.body(), expected)) {
      progress.printf(
          "aivid bench: warning: %s served different bytes than captured (%d vs %d): %s%n",
          targetName,
          response.body().length,
          expected.length,
          new String(response.body(), StandardCharsets.UTF_8));
    }
  }
}
