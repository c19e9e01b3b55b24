package dev.aivid.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run does. {@code measureSeconds} is the measured time per target in total,
 * split evenly over the rounds, so adding rounds does not lengthen the run.
 */
public record BenchOptions(
    int rateRequestsPerSecond,
    int warmupSeconds,
    int measureSeconds,
    int rounds,
    int connections) {

  public static final String USAGE =
      """
      Usage: ./aivid bench [gateway] [--rate N] [--seconds N] [--warmup-seconds N] [--rounds N]
                                     [--connections N] [--quick]
             ./aivid bench ledger [options]   (credit holds/s: ./aivid bench ledger --help)

      Measures GET /v1/videos/{id} on the real gateway beside a bare Javalin handler returning
      the same bytes, both in this process, at a fixed open-loop request rate over loopback.

        --rate N             requests per second for each target (default 500)
        --seconds N          measured seconds per target, split over the rounds (default 20)
        --warmup-seconds N   unmeasured warm-up per target before the first round (default 5)
        --rounds N           interleaved rounds, bare then gateway in each (default 4)
        --connections N      concurrent senders, so at most N HTTP/1.1 connections (default 16)
        --quick              smoke run: rate 200, 3 s warm-up, 5 s measured, 2 rounds
      """;

  private static final Set<String> VALUE_OPTIONS =
      Set.of("--rate", "--seconds", "--warmup-seconds", "--rounds", "--connections");

  public static BenchOptions defaults() {
    return new BenchOptions(500, 5, 20, 4, 16);
  }

  public static BenchOptions quick() {
    return new BenchOptions(200, 3, 5, 2, 16);
  }

  public BenchOptions {
    require(
        rateRequestsPerSecond >= 1 && rateRequestsPerSecond <= 1_000_000,
        "--rate must be 1..1000000");
    require(warmupSeconds >= 0 && warmupSeconds <= 3600, "--warmup-seconds must be 0..3600");
    require(measureSeconds >= 1 && measureSeconds <= 3600, "--seconds must be 1..3600");
    require(rounds >= 1 && rounds <= 100, "--rounds must be 1..100");
    require(connections >= 1 && connections <= 1024, "--connections must be 1..1024");
  }

  /** Later flags override earlier ones, so {@code --quick --rate 300} is a quick run at 300. */
  public static BenchOptions parse(List<String> arguments) {
    BenchOptions options = defaults();
    for (int index = 0; index < arguments.size(); index++) {
      String argument = arguments.get(index);
      if (argument.equals("--quick")) {
        options = quick();
        continue;
      }
      int equals = argument.indexOf('=');
      String name = equals > 0 ? argument.substring(0, equals) : argument;
      if (!VALUE_OPTIONS.contains(name)) {
        throw new IllegalArgumentException("Unknown option " + argument);
      }
      String value;
      if (equals > 0) {
        value = argument.substring(equals + 1);
      } else if (index + 1 < arguments.size()) {
        value = arguments.get(++index);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      options = options.with(name, number(name, value));
    }
    return options;
  }

  private BenchOptions with(String name, int value) {
    return switch (name) {
      case "--rate" ->
          new BenchOptions(value, warmupSeconds, measureSeconds, rounds, connections);
      case "--warmup-seconds" ->
          new BenchOptions(rateRequestsPerSecond, value, measureSeconds, rounds, connections);
      case "--seconds" ->
          new BenchOptions(rateRequestsPerSecond, warmupSeconds, value, rounds, connections);
      case "--rounds" ->
          new BenchOptions(
              rateRequestsPerSecond, warmupSeconds, measureSeconds, value, connections);
      case "--connections" ->
          new BenchOptions(rateRequestsPerSecond, warmupSeconds, measureSeconds, rounds, value);
      default -> throw new IllegalArgumentException("Unknown option " + name);
    };
  }

  public Duration roundDuration() {
    return Duration.ofMillis(measureSeconds * 1000L / rounds);
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
