package dev.aivid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.VideoSize;
import dev.aivid.preflight.LocalStack;
import dev.aivid.preflight.PreflightEngine;
import dev.aivid.preflight.PreflightInput;
import dev.aivid.preflight.PreflightReport;
import dev.aivid.preflight.PreflightRequest;
import dev.aivid.providers.http.CircuitState;
import dev.aivid.routing.Router;
import dev.aivid.routing.RoutingDecision;
import dev.aivid.routing.RoutingInput;
import dev.aivid.routing.RoutingPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./aivid bench routing}: how long AIVid takes to decide where a shot goes, and what a
 * failover costs next to a first submission, in one run.
 *
 * <ul>
 *   <li>decision: {@link Router#route} over the preflight of the 12-file example stack
 *       (examples/night-courier) against the whole catalog, every provider routable;
 *   <li>preflight + decision: the same with the stack's files parsed again each time (bytes in
 *       memory), i.e. what a create does before it holds credits;
 *   <li>first submission: read the stack's sendable files from disk, base64 them, build the request
 *       body and POST it to a local sink server (loopback HTTP, like a provider);
 *   <li>model switch: the failover path — route again with the first provider's circuit open, take
 *       the already-encoded files from the cache, build the second provider's body and POST it.
 * </ul>
 */
public final class RoutingBench {
  static final String USAGE =
      "usage: aivid bench routing [--iterations N] [--stack DIR]\n"
          + "  --iterations N  measured iterations per figure (default 2000; 200 for --quick)\n"
          + "  --quick         fewer iterations\n"
          + "  --stack DIR     the stack to route (default examples/night-courier)\n";
  private static final Set<String> SENT_KINDS = Set.of("image", "video", "audio", "style_reference", "negative_reference", "regional_mask");

  record Options(int iterations, Path stack) {
    static Options parse(List<String> arguments) {
      int iterations = 2000;
      Path stack = Path.of("examples", "night-courier");
      for (int index = 0; index < arguments.size(); index++) {
        String argument = arguments.get(index);
        switch (argument) {
          case "--quick" -> iterations = 200;
          case "--iterations" -> iterations = Integer.parseInt(value(arguments, ++index, argument));
          case "--stack" -> stack = Path.of(value(arguments, ++index, argument));
          default -> throw new IllegalArgumentException("unknown option " + argument);
        }
      }
      if (iterations < 10) {
        throw new IllegalArgumentException("--iterations must be at least 10");
      }
      return new Options(iterations, stack);
    }

    private static String value(List<String> arguments, int index, String option) {
      if (index >= arguments.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return arguments.get(index);
    }
  }

  record Figure(String name, Nanos latency) {}

  /** Nearest-rank percentiles in nanoseconds (the decision takes microseconds, not milliseconds). */
  record Nanos(long p50Nanos, long p99Nanos, long maxNanos) {
    static Nanos of(LongSamples samples) {
      long[] sorted = LongSamples.concat(List.of(samples));
      java.util.Arrays.sort(sorted);
      return new Nanos(
          LatencySummary.percentile(sorted, 50), LatencySummary.percentile(sorted, 99), sorted[sorted.length - 1]);
    }
  }

  record Result(int files, int models, List<Figure> figures, String chosen, String switchedTo) {}

  private RoutingBench() {}

  static Result run(Options options, PrintStream log) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Catalog catalog = Catalog.loadDefault(json);
    PreflightEngine engine = new PreflightEngine(catalog);
    LocalStack.Loaded stack = LocalStack.load(List.of(options.stack()), null, json);
    int seconds = stack.seconds() == null ? 5 : stack.seconds();
    VideoSize size = VideoSize.parse(stack.size() == null ? "1280x720" : stack.size()).orElseThrow();
    Map<Integer, byte[]> bytes = new HashMap<>();
    stack.files().forEach((index, file) -> bytes.put(index, readUnchecked(file)));
    List<PreflightInput> inputs = new ArrayList<>();
    for (PreflightInput input : stack.inputs()) {
      byte[] content = bytes.get(input.index());
      inputs.add(
          new PreflightInput(
              input.index(), input.kind(), input.mention(), input.name(), input.fileName(), input.metadata(), input.value(),
              content == null ? null : () -> content));
    }
    PreflightRequest request = new PreflightRequest(stack.prompt(), stack.mentions(), seconds, size, inputs, List.of());
    Set<String> every = Set.of("local", "kling", "seedance", "veo", "runway", "openai");
    PreflightReport report = engine.run(request);
    RoutingInput input = new RoutingInput(report, RoutingPolicy.QUALITY, every, Map.of(), Long.MAX_VALUE);
    RoutingDecision first = Router.route(input);
    log.printf(Locale.ROOT, "routing %d inputs across %d models: %s%n", inputs.size(), report.models().size(), first.explanation());

    HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    sink.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
          }
          byte[] answer = "{\"id\":\"task-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    sink.start();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/tasks");
    List<Path> sendable = new ArrayList<>();
    stack.entries().forEach(
        entry -> {
          if (SENT_KINDS.contains(entry.kind().wireName()) && stack.files().containsKey(entry.index())) {
            sendable.add(stack.files().get(entry.index()));
          }
        });
    try {
      int warmups = Math.max(50, options.iterations() / 5);
      LongSamples decision = new LongSamples(options.iterations());
      LongSamples preflightAndDecision = new LongSamples(options.iterations());
      LongSamples firstSubmission = new LongSamples(options.iterations());
      LongSamples modelSwitch = new LongSamples(options.iterations());
      Map<Path, String> encoded = new HashMap<>();
      String switchedTo = "";
      for (int round = 0; round < warmups + options.iterations(); round++) {
        boolean measured = round >= warmups;
        long start = System.nanoTime();
        Router.route(input);
        long routed = System.nanoTime();
        Router.route(new RoutingInput(engine.run(request), RoutingPolicy.QUALITY, every, Map.of(), Long.MAX_VALUE));
        long preflighted = System.nanoTime();
        // First submission: nothing encoded yet.
        Map<Path, String> cold = new HashMap<>();
        for (Path file : sendable) {
          cold.put(file, Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
        }
        post(client, uri, body(json, first.chosen(), stack.prompt(), cold));
        long submitted = System.nanoTime();
        // Switch: route with the first provider failing, reuse the encodings, submit to the next.
        encoded.putAll(cold);
        RoutingDecision again =
            Router.route(
                new RoutingInput(
                    report, RoutingPolicy.QUALITY, every, Map.of(provider(catalog, first.chosen()), CircuitState.OPEN), Long.MAX_VALUE));
        switchedTo = again.chosen();
        post(client, uri, body(json, again.chosen(), stack.prompt(), encoded));
        long switched = System.nanoTime();
        if (measured) {
          decision.add(routed - start);
          preflightAndDecision.add(preflighted - routed);
          firstSubmission.add(submitted - preflighted);
          modelSwitch.add(switched - submitted);
        }
      }
      List<Figure> figures =
          List.of(
              new Figure("routing decision (12-file stack, whole catalog)", Nanos.of(decision)),
              new Figure("preflight + routing decision (files parsed again)", Nanos.of(preflightAndDecision)),
              new Figure("first submission (read + encode + POST)", Nanos.of(firstSubmission)),
              new Figure("model switch (re-route + cached encodings + POST)", Nanos.of(modelSwitch)));
      return new Result(inputs.size(), report.models().size(), figures, first.chosen(), switchedTo);
    } finally {
      sink.stop(0);
    }
  }

  private static String provider(Catalog catalog, String model) {
    return catalog.find(model).orElseThrow().provider();
  }

  private static byte[] body(ObjectMapper json, String model, String prompt, Map<Path, String> encoded) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    ArrayNode content = body.putArray("content");
    content.addObject().put("type", "text").put("text", prompt);
    encoded.values().forEach(data -> content.addObject().put("type", "image_url").putObject("image_url").put("url", "data:;base64," + data));
    return json.writeValueAsBytes(body);
  }

  private static void post(HttpClient client, URI uri, byte[] body) throws IOException {
    try {
      HttpResponse<byte[]> response =
          client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("sink answered " + response.statusCode());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static byte[] readUnchecked(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String markdown(Result result) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "%n## Routing (%d stack inputs, %d catalog models)%n%n", result.files(), result.models()));
    text.append("| figure | p50 µs | p99 µs | max µs |\n|---|---:|---:|---:|\n");
    for (Figure figure : result.figures()) {
      text.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f |%n",
              figure.name(),
              figure.latency().p50Nanos() / 1e3,
              figure.latency().p99Nanos() / 1e3,
              figure.latency().maxNanos() / 1e3));
    }
    double first = result.figures().get(2).latency().p50Nanos();
    double switched = result.figures().get(3).latency().p50Nanos();
    text.append(
        String.format(
            Locale.ROOT,
            "%nchosen %s; with its provider's circuit open the switch goes to %s. Switch / first submission (p50): %.2f×%n",
            result.chosen(),
            result.switchedTo(),
            switched / first));
    return text.toString();
  }
}
