package dev.aivid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.App;
import dev.aivid.config.AppConfig;
import dev.aivid.config.ProviderConfig;
import dev.aivid.jobs.VideoJob;
import dev.aivid.jobs.internal.VideoRepository;
import dev.aivid.providers.openai.FakeLatencyVideoServer;
import dev.aivid.providers.openai.TinyOpenAiCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code ./aivid bench scale}: many jobs against a provider with a fixed render latency, on one
 * node with durable commits, in four parts measured in one run.
 *
 * <ul>
 *   <li>jobs: N jobs created over the HTTP API at once; wall time from the first create to the last
 *       completion beside the ideal, ceil(N / provider slots) × latency (what a scheduler with no
 *       overhead at all would take at that concurrency), with each job's overhead split into queue →
 *       provider and provider done → completed;
 *   <li>claims: the bare queue, claim (SKIP LOCKED, batches of 16) plus the fenced completion that
 *       every worker step ends with, per second with 1, 4 and 16 claiming threads, each round
 *       beside db-scheduler executing as many no-op tasks with as many threads in the same
 *       database ({@link DbSchedulerBaseline});
 *   <li>fan-out: 1,000 subscribers of {@code GET /v1/credits/stream}, the time from a grant to the
 *       last subscriber's event beside the same with one subscriber.
 * </ul>
 */
final class ScaleBench {
  static final String USAGE =
      "usage: aivid bench scale [--jobs N] [--latency-millis L] [--slots C] [--workers W]\n"
          + "                         [--subscribers S] [--rounds R] [--claims M] [--backlog B] [--quick]\n"
          + "  --jobs N            jobs created at once (default 1000)\n"
          + "  --latency-millis L  every render's latency at the provider (default 2000)\n"
          + "  --slots C           renders the provider runs at once, 0 for all (default 0)\n"
          + "  --workers W         AIVID_WORKERS of the node: provider steps in flight (default 16, as serve)\n"
          + "  --subscribers S     SSE subscribers for the fan-out figure (default 1000)\n"
          + "  --rounds R          state changes timed per fan-out figure (default 30)\n"
          + "  --claims M          queue rows per claim-throughput figure (default 5000)\n"
          + "  --backlog B         queued jobs due for the claim-cost figure, beside 1000 (default 100000)\n"
          + "  --quick             200 jobs, 200 subscribers, 10 rounds, 1000 claims, backlog 10000\n";
  private static final String MODEL = "bench-fast";
  private static final String API_KEY = "aivid_bench_scale_key_0123456789abcdef";
  private static final Pattern JOB_NUMBER = Pattern.compile("bench job (\\d+)");
  private static final int CLAIM_BATCH = 16;
  private static final int CLAIM_ROUNDS = 3;
  private static final int[] CLAIM_THREADS = {1, 4, 16};
  private static final int SMALL_BACKLOG = 1_000;
  private static final int BACKLOG_PROVIDERS = 3;
  private static final int BACKLOG_WARMUP_CLAIMS = 10;
  private static final int BACKLOG_CLAIMS = 50;

  /**
   * AIVid's own cluster-wide limits are the configured concurrency: the provider's slots when it
   * has a cap, else every job at once (so the limits never hide the scheduler's own cost).
   */
  static dev.aivid.config.JobLimits limits(Options options) {
    int concurrency = options.slots() > 0 ? options.slots() : options.jobs();
    return dev.aivid.config.JobLimits.defaults()
        .withMaxConcurrentPerOrganization(concurrency)
        .withMaxConcurrent("openai", concurrency);
  }

  record Options(
      int jobs, long latencyMillis, int slots, int workers, int subscribers, int rounds, int claims, int backlog) {
    static Options parse(List<String> arguments) {
      int jobs = 1_000;
      long latency = 2_000;
      int slots = 0;
      int workers = 16;
      int subscribers = 1_000;
      int rounds = 30;
      int claims = 5_000;
      int backlog = 100_000;
      for (int index = 0; index < arguments.size(); index++) {
        String argument = arguments.get(index);
        switch (argument) {
          case "--quick" -> {
            jobs = 200;
            subscribers = 200;
            rounds = 10;
            claims = 1_000;
            backlog = 10_000;
          }
          case "--jobs" -> jobs = Integer.parseInt(value(arguments, ++index, argument));
          case "--latency-millis" -> latency = Long.parseLong(value(arguments, ++index, argument));
          case "--slots" -> slots = Integer.parseInt(value(arguments, ++index, argument));
          case "--workers" -> workers = Integer.parseInt(value(arguments, ++index, argument));
          case "--subscribers" -> subscribers = Integer.parseInt(value(arguments, ++index, argument));
          case "--rounds" -> rounds = Integer.parseInt(value(arguments, ++index, argument));
          case "--claims" -> claims = Integer.parseInt(value(arguments, ++index, argument));
          case "--backlog" -> backlog = Integer.parseInt(value(arguments, ++index, argument));
          default -> throw new IllegalArgumentException("unknown option " + argument);
        }
      }
      if (jobs < 1 || latency < 0 || slots < 0 || workers < 1 || workers > 64 || subscribers < 1 || rounds < 1 || claims < 100
          || backlog < SMALL_BACKLOG || backlog > 10_000_000) {
        throw new IllegalArgumentException(
            "need --jobs ≥ 1, --latency-millis ≥ 0, --slots ≥ 0, --workers 1..64, --subscribers ≥ 1, --rounds ≥ 1, --claims ≥ 100,"
                + " --backlog 1000..10000000");
      }
      return new Options(jobs, latency, slots, workers, subscribers, rounds, claims, backlog);
    }

    private static String value(List<String> arguments, int index, String option) {
      if (index >= arguments.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return arguments.get(index);
    }
  }

  /** Milliseconds: p50, p99, max. */
  record Spread(long p50, long p99, long max) {
    static Spread of(List<Long> values) {
      long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
      if (sorted.length == 0) {
        return new Spread(0, 0, 0);
      }
      return new Spread(
          LatencySummary.percentile(sorted, 50), LatencySummary.percentile(sorted, 99), sorted[sorted.length - 1]);
    }
  }

  record JobsResult(
      int jobs,
      int completed,
      long latencyMillis,
      int concurrency,
      long wallMillis,
      long idealMillis,
      long createSpanMillis,
      Spread queuedToProvider,
      Spread providerDoneToCompleted,
      Spread overhead) {}

  /** One claim's time in microseconds, with {@code backlog} queued jobs due. */
  record BacklogClaims(int backlog, Spread claimMicros) {}

  record ClaimResult(int threads, int rows, double seconds) {
    double perSecond() {
      return rows / seconds;
    }
  }

  /** One thread count's rounds: the median round, and the slowest and fastest beside it. */
  record ClaimRounds(int threads, List<ClaimResult> rounds) {
    private double[] sorted() {
      return rounds.stream().mapToDouble(ClaimResult::perSecond).sorted().toArray();
    }

    double median() {
      double[] sorted = sorted();
      return sorted[sorted.length / 2];
    }

    double slowest() {
      return sorted()[0];
    }

    double fastest() {
      double[] sorted = sorted();
      return sorted[sorted.length - 1];
    }

    int rows() {
      return rounds.stream().mapToInt(ClaimResult::rows).sum();
    }
  }

  record FanOutResult(int subscribers, Spread toLast, Spread perSubscriber) {}

  record Result(
      MachineFacts machine,
      DatabaseFacts database,
      Options options,
      String loadBefore,
      String loadAfter,
      JobsResult jobs,
      List<ClaimRounds> claims,
      List<ClaimRounds> schedulerClaims,
      BacklogClaims smallBacklog,
      BacklogClaims largeBacklog,
      FanOutResult one,
      FanOutResult many) {}

  /** The 1, 5 and 15 minute load averages: on a shared machine they say what else was running. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private ScaleBench() {}

  static Result run(Options options, PrintStream log) throws IOException, InterruptedException {
    String loadBefore = loadAverage();
    Path directory = Files.createTempDirectory("aivid-bench-scale-");
    Path catalog = catalog(directory, options.latencyMillis());
    try (FakeLatencyVideoServer provider = FakeLatencyVideoServer.start(options.latencyMillis(), options.slots())) {
      ProviderConfig providers =
          new ProviderConfig(
              null,
              Map.of("openai", Map.of("api_key", FakeLatencyVideoServer.API_KEY, "base_url", provider.baseUrl())),
              ProviderConfig.defaults().retiredModelPolicy(),
              catalog,
              true);
      AppConfig config =
          new AppConfig(
                  0, directory, null, API_KEY, 1024 * 1024, options.workers(), 30_000, true, false, 1_000_000_000_000L, providers)
              .withJobLimits(limits(options));
      log.println("aivid bench scale: starting a node on a durable embedded PostgreSQL...");
      try (App app = App.start(config)) {
        DatabaseFacts facts;
        try {
          facts = DatabaseFacts.read(app.database().dataSource(), Duration.ofSeconds(1));
        } catch (SQLException e) {
          throw new SetupException("could not read the database settings", e);
        }
        if (!facts.durable()) {
          throw new SetupException("the database is not durable: " + facts.settings(), null);
        }
        String baseUrl = "http://localhost:" + app.port();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Jdbi jdbi = app.database().jdbi();
        // Warm-up: a few jobs end to end, so that the measured run is not the JIT's first.
        jobs(client, baseUrl, jdbi, provider, Math.min(50, options.jobs()), options, "warmup", log);
        provider.forget();
        JobsResult jobs = jobs(client, baseUrl, jdbi, provider, options.jobs(), options, "bench", log);
        log.printf(Locale.ROOT, "aivid bench scale: %d jobs in %.2f s (ideal %.2f s)%n", jobs.jobs(), jobs.wallMillis() / 1e3, jobs.idealMillis() / 1e3);
        // Interleaved rounds, so that a neighbour's burst on a shared machine hits every thread count
        // and both queues alike.
        Map<Integer, List<ClaimResult>> rounds = new java.util.TreeMap<>();
        Map<Integer, List<ClaimResult>> schedulerRounds = new java.util.TreeMap<>();
        com.zaxxer.hikari.HikariDataSource nodePool = (com.zaxxer.hikari.HikariDataSource) app.database().dataSource();
        try (DbSchedulerBaseline scheduler =
            new DbSchedulerBaseline(nodePool.getJdbcUrl(), nodePool.getUsername(), CLAIM_THREADS[CLAIM_THREADS.length - 1])) {
          for (int round = 1; round <= CLAIM_ROUNDS; round++) {
            for (int threads : CLAIM_THREADS) {
              ClaimResult claim =
                  claims(jdbi, new VideoRepository(jdbi, unlimited()), threads, round, options.claims() / CLAIM_ROUNDS);
              ClaimResult baseline = scheduler.run(threads, round, options.claims() / CLAIM_ROUNDS);
              log.printf(
                  Locale.ROOT,
                  "aivid bench scale: round %d, %d threads: AIVid %.0f claims/s, db-scheduler %.0f executions/s%n",
                  round, threads, claim.perSecond(), baseline.perSecond());
              rounds.computeIfAbsent(threads, ignored -> new ArrayList<>()).add(claim);
              schedulerRounds.computeIfAbsent(threads, ignored -> new ArrayList<>()).add(baseline);
            }
          }
        } catch (SQLException e) {
          throw new SetupException("the db-scheduler baseline failed", e);
        }
        List<ClaimRounds> claims = new ArrayList<>();
        rounds.forEach((threads, results) -> claims.add(new ClaimRounds(threads, results)));
        List<ClaimRounds> schedulerClaims = new ArrayList<>();
        schedulerRounds.forEach((threads, results) -> schedulerClaims.add(new ClaimRounds(threads, results)));
        VideoRepository backlogRepository = new VideoRepository(jdbi, unlimited());
        BacklogClaims smallBacklog = backlogClaims(jdbi, backlogRepository, SMALL_BACKLOG, log);
        BacklogClaims largeBacklog = backlogClaims(jdbi, backlogRepository, options.backlog(), log);
        FanOutResult one = fanOut(baseUrl, 1, options.rounds(), log);
        FanOutResult many = fanOut(baseUrl, options.subscribers(), options.rounds(), log);
        return new Result(
            MachineFacts.current(), facts, options, loadBefore, loadAverage(), jobs, claims, schedulerClaims,
            smallBacklog, largeBacklog, one, many);
      }
    }
  }

  /** The shipped OpenAI-compatible model at a tiny size and one second, so outputs are cheap to check. */
  private static Path catalog(Path directory, long latencyMillis) throws IOException {
    ObjectNode model = TinyOpenAiCatalog.model(MODEL, "Bench provider");
    ((ObjectNode) model.path("features")).put("render_seconds_per_output_second", Math.max(1, latencyMillis / 1000.0));
    return TinyOpenAiCatalog.write(directory.resolve("catalog-bench.json"), model);
  }

  private static JobsResult jobs(
      HttpClient client, String baseUrl, Jdbi jdbi, FakeLatencyVideoServer provider, int count, Options options, String tag, PrintStream log)
      throws InterruptedException {
    log.printf(Locale.ROOT, "aivid bench scale: %s: %d jobs, %d ms renders...%n", tag, count, options.latencyMillis());
    String runTag = tag + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    Semaphore inFlight = new Semaphore(32);
    List<Future<String>> created = new ArrayList<>();
    long startedMillis = System.currentTimeMillis();
    AtomicLong lastAcceptedMillis = new AtomicLong();
    try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        String body =
            "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + runTag + " bench job " + i + "\",\"seconds\":\"1\",\"size\":\"160x90\"}";
        inFlight.acquire();
        created.add(
            submitters.submit(
                () -> {
                  try {
                    HttpResponse<String> response =
                        client.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + "/v1/videos"))
                                .header("Authorization", "Bearer " + API_KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                      throw new SetupException("create answered " + response.statusCode() + ": " + response.body(), null);
                    }
                    lastAcceptedMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
                    return new ObjectMapper().readTree(response.body()).path("id").asText();
                  } finally {
                    inFlight.release();
                  }
                }));
      }
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> future : created) {
      try {
        ids.add(future.get());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new SetupException("a create failed", e.getCause());
      }
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (terminal(jdbi, runTag) < count) {
      if (System.nanoTime() > deadline) {
        throw new SetupException("jobs did not finish within 15 minutes", null);
      }
      Thread.sleep(50);
    }
    Map<Integer, FakeLatencyVideoServer.Render> renders = new HashMap<>();
    for (FakeLatencyVideoServer.Render render : provider.renders()) {
      Matcher matcher = JOB_NUMBER.matcher(render.prompt());
      if (render.prompt().contains(runTag) && matcher.find()) {
        renders.merge(Integer.parseInt(matcher.group(1)), render, (first, second) -> first.createdMillis() <= second.createdMillis() ? first : second);
      }
    }
    List<Long> queued = new ArrayList<>();
    List<Long> completion = new ArrayList<>();
    List<Long> overhead = new ArrayList<>();
    AtomicInteger completed = new AtomicInteger();
    AtomicLong lastCompletedMillis = new AtomicLong();
    jdbi.useHandle(
        handle ->
            handle
                .createQuery("select prompt, phase, created_at, completed_at from videos where prompt like :tag")
                .bind("tag", runTag + " %")
                .map(
                    (rs, context) -> {
                      Matcher matcher = JOB_NUMBER.matcher(rs.getString("prompt"));
                      matcher.find();
                      FakeLatencyVideoServer.Render render = renders.get(Integer.parseInt(matcher.group(1)));
                      Timestamp completedAt = rs.getTimestamp("completed_at");
                      if (!"completed".equals(rs.getString("phase")) || completedAt == null || render == null) {
                        return 0;
                      }
                      long createdMillis = rs.getTimestamp("created_at").getTime();
                      long doneMillis = completedAt.getTime();
                      completed.incrementAndGet();
                      lastCompletedMillis.accumulateAndGet(doneMillis, Math::max);
                      queued.add(render.createdMillis() - createdMillis);
                      completion.add(doneMillis - render.doneMillis());
                      overhead.add((doneMillis - createdMillis) - (render.doneMillis() - render.createdMillis()));
                      return 1;
                    })
                .list());
    int concurrency = options.slots() == 0 ? count : options.slots();
    long ideal = (long) Math.ceil(count / (double) concurrency) * options.latencyMillis();
    return new JobsResult(
        count,
        completed.get(),
        options.latencyMillis(),
        concurrency,
        lastCompletedMillis.get() - startedMillis,
        ideal,
        lastAcceptedMillis.get() - startedMillis,
        Spread.of(queued),
        Spread.of(completion),
        Spread.of(overhead));
  }

  private static int terminal(Jdbi jdbi, String runTag) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select count(*) from videos where prompt like :tag and phase in ('completed', 'failed', 'cancelled')")
                .bind("tag", runTag + " %")
                .mapTo(Integer.class)
                .one());
  }

  private static dev.aivid.config.JobLimits unlimited() {
    dev.aivid.config.JobLimits limits =
        dev.aivid.config.JobLimits.defaults().withMaxConcurrentPerOrganization(1_000_000).withMaxConcurrent("claim-bench", 1_000_000);
    for (int provider = 0; provider < BACKLOG_PROVIDERS; provider++) {
      limits = limits.withMaxConcurrent("backlog-" + provider, 1_000_000);
    }
    return limits;
  }

  /**
   * One claim of up to 16 queued jobs (and 8 outputs, as a node of 16 workers asks), timed
   * {@link #BACKLOG_CLAIMS} times with {@code backlog} jobs of three providers due: what a claim
   * costs should be the organisations and providers it reads, not the backlog. The rows are
   * deleted afterwards, so nothing later sees them.
   */
  private static BacklogClaims backlogClaims(Jdbi jdbi, VideoRepository repository, int backlog, PrintStream log) {
    log.printf(Locale.ROOT, "aivid bench scale: claims with %,d queued jobs due...%n", backlog);
    Instant due = Instant.parse("2200-01-01T00:00:00Z").plusSeconds(backlog);
    String prefix = "backlog" + backlog + "_";
    jdbi.useHandle(
        handle -> {
          handle
              .createUpdate(
                  "insert into videos (id, organization_id, project_id, model, provider, prompt, seconds, width,"
                      + " height, seed, phase, created_at, run_at) select :prefix || g, o.id, null, 'claim-bench',"
                      + " 'backlog-' || (g % :providers), 'claim bench', 1, 160, 90, 0, 'queued', now(), :runAt from"
                      + " generate_series(1, :rows) g, (select id from organizations order by id limit 1) o")
              .bind("prefix", prefix)
              .bind("providers", BACKLOG_PROVIDERS)
              .bind("rows", backlog)
              .bind("runAt", Timestamp.from(due))
              .execute();
          handle.execute("analyze videos");
        });
    Instant now = due.plusSeconds(1);
    List<Long> micros = new ArrayList<>();
    for (int claim = 0; claim < BACKLOG_WARMUP_CLAIMS + BACKLOG_CLAIMS; claim++) {
      long started = System.nanoTime();
      repository.claimDue("backlog-bench", CLAIM_BATCH, CLAIM_BATCH / 2, 60_000, now);
      if (claim >= BACKLOG_WARMUP_CLAIMS) {
        micros.add((System.nanoTime() - started) / 1_000);
      }
    }
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("update videos set deleted_at = now() where id like :prefix")
                .bind("prefix", prefix + "%")
                .execute());
    return new BacklogClaims(backlog, Spread.of(micros));
  }

  /**
   * The bare queue: rows due in the far future (the node's own worker never sees them) claimed in
   * batches with {@link VideoRepository#claimDue} and finished with {@link
   * VideoRepository#completeStep}, the two statements every worker step costs.
   */
  private static ClaimResult claims(Jdbi jdbi, VideoRepository repository, int threads, int round, int rows)
      throws InterruptedException {
    Instant future = Instant.parse("2100-01-01T00:00:00Z").plusSeconds(threads * 100L + round);
    String prefix = "claimbench" + threads + "r" + round + "_";
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into videos (id, organization_id, project_id, model, provider, prompt, seconds, width,"
                        + " height, seed, phase, created_at, run_at) select :prefix || g, o.id, null, 'claim-bench',"
                        + " 'claim-bench', 'claim bench', 1, 160, 90, 0, 'queued', now(), :runAt from"
                        + " generate_series(1, :rows) g, (select id from organizations order by id limit 1) o")
                .bind("prefix", prefix)
                .bind("rows", rows)
                .bind("runAt", Timestamp.from(future))
                .execute());
    Instant now = future.plusSeconds(1);
    AtomicInteger done = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(threads);
    long started = System.nanoTime();
    for (int thread = 0; thread < threads; thread++) {
      String node = "claim-bench-" + thread;
      Thread.ofPlatform()
          .start(
              () -> {
                try {
                  while (true) {
                    List<VideoJob> claimed = repository.claimDue(node, CLAIM_BATCH, 60_000, now);
                    if (claimed.isEmpty()) {
                      return;
                    }
                    for (VideoJob job : claimed) {
                      repository.completeStep(job.failed("claim_bench", "claimed by the bench", now), node, null, now, "claim bench");
                      done.incrementAndGet();
                    }
                  }
                } finally {
                  finished.countDown();
                }
              });
    }
    finished.await();
    double seconds = (System.nanoTime() - started) / 1e9;
    return new ClaimResult(threads, done.get(), seconds);
  }

  /**
   * {@code subscribers} streams of the balance; each round grants a micro-credit and times every
   * subscriber's next event from just before the grant's request.
   */
  private static FanOutResult fanOut(String baseUrl, int subscribers, int rounds, PrintStream log)
      throws InterruptedException {
    log.printf(Locale.ROOT, "aivid bench scale: fan-out to %d subscribers, %d rounds...%n", subscribers, rounds);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<List<Long>> arrivals = new ArrayList<>();
    AtomicInteger ready = new AtomicInteger();
    List<Future<?>> streams = new ArrayList<>();
    ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (int i = 0; i < subscribers; i++) {
        List<Long> mine = java.util.Collections.synchronizedList(new ArrayList<>());
        arrivals.add(mine);
        streams.add(
            readers.submit(
                () -> {
                  HttpResponse<java.util.stream.Stream<String>> response =
                      client.send(
                          HttpRequest.newBuilder(URI.create(baseUrl + "/v1/credits/stream"))
                              .header("Authorization", "Bearer " + API_KEY)
                              .header("Accept", "text/event-stream")
                              .GET()
                              .build(),
                          HttpResponse.BodyHandlers.ofLines());
                  try (var lines = response.body()) {
                    lines.forEach(
                        line -> {
                          if (line.startsWith("data:")) {
                            mine.add(System.nanoTime());
                            if (mine.size() == 1) {
                              ready.incrementAndGet();
                            }
                          }
                        });
                  }
                  return null;
                }));
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (ready.get() < subscribers) {
        if (System.nanoTime() > deadline) {
          throw new SetupException(ready.get() + " of " + subscribers + " subscribers connected", null);
        }
        Thread.sleep(20);
      }
      List<Long> toLast = new ArrayList<>();
      List<Long> perSubscriber = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        int expected = round + 1;
        long sent = System.nanoTime();
        HttpResponse<String> granted;
        try {
          granted =
              client.send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/v1/credits/grants"))
                      .header("Authorization", "Bearer " + API_KEY)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"0.000001\",\"reason\":\"fan-out round " + round + "\"}", StandardCharsets.UTF_8))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          throw new SetupException("grant failed", e);
        }
        if (granted.statusCode() != 201) {
          throw new SetupException("grant answered " + granted.statusCode() + ": " + granted.body(), null);
        }
        long roundDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (arrivals.stream().anyMatch(list -> list.size() < expected)) {
          if (System.nanoTime() > roundDeadline) {
            throw new SetupException("round " + round + ": not every subscriber got the event", null);
          }
          Thread.sleep(1);
        }
        long last = 0;
        for (List<Long> list : arrivals) {
          long micros = (list.get(expected - 1) - sent) / 1_000;
          perSubscriber.add(micros);
          last = Math.max(last, micros);
        }
        toLast.add(last);
        // Let the streams go quiet before the next change.
        Thread.sleep(20);
      }
      return new FanOutResult(subscribers, Spread.of(toLast), Spread.of(perSubscriber));
    } finally {
      readers.shutdownNow();
      client.shutdownNow();
    }
  }

  static String markdown(Result result) {
    StringBuilder text = new StringBuilder();
    MachineFacts machine = result.machine();
    text.append(
        String.format(
            Locale.ROOT,
            "%n## Scale (one node, AIVID_WORKERS=%d, durable commits: fsync=%s, synchronous_commit=%s; one commit p50 %d µs, p99 %d µs)%n%n%d cores, %s, JDK %s, PostgreSQL %s; load average before %s, after %s%n%n",
            result.options().workers(),
            result.database().settings().get("fsync"),
            result.database().settings().get("synchronous_commit"),
            result.database().probeP50Micros(),
            result.database().probeP99Micros(),
            machine.availableProcessors(),
            machine.cpuModel(),
            machine.javaVersion(),
            result.database().version(),
            result.loadBefore(),
            result.loadAfter()));
    JobsResult jobs = result.jobs();
    text.append("| figure | baseline, same run | AIVid | ratio |\n|---|---|---|---|\n");
    text.append(
        String.format(
            Locale.ROOT,
            "| %d jobs, %d ms renders, %s, first create → last completion | ideal ⌈%d / %d⌉ × %.1f s: %.2f s | %.2f s (%d completed; creates accepted within %.2f s) | %.2f× |%n",
            jobs.jobs(),
            jobs.latencyMillis(),
            result.options().slots() == 0 ? "all renders at once" : result.options().slots() + " provider slots",
            jobs.jobs(),
            jobs.concurrency(),
            jobs.latencyMillis() / 1e3,
            jobs.idealMillis() / 1e3,
            jobs.wallMillis() / 1e3,
            jobs.completed(),
            jobs.createSpanMillis() / 1e3,
            jobs.wallMillis() / (double) Math.max(1, jobs.idealMillis())));
    text.append(
        String.format(
            Locale.ROOT,
            "| per job: created → submitted to the provider | — | p50 %d ms, p99 %d ms, max %d ms | — |%n",
            jobs.queuedToProvider().p50(), jobs.queuedToProvider().p99(), jobs.queuedToProvider().max()));
    text.append(
        String.format(
            Locale.ROOT,
            "| per job: render done at the provider → completed (poll, download, QC, store, charge) | — | p50 %d ms, p99 %d ms, max %d ms | — |%n",
            jobs.providerDoneToCompleted().p50(), jobs.providerDoneToCompleted().p99(), jobs.providerDoneToCompleted().max()));
    text.append(
        String.format(
            Locale.ROOT,
            "| per job: scheduler overhead (created → completed minus time at the provider) | — | p50 %d ms, p99 %d ms, max %d ms | — |%n",
            jobs.overhead().p50(), jobs.overhead().p99(), jobs.overhead().max()));
    for (int index = 0; index < result.claims().size(); index++) {
      ClaimRounds claim = result.claims().get(index);
      ClaimRounds baseline = result.schedulerClaims().get(index);
      text.append(
          String.format(
              Locale.ROOT,
              "| queue claims, %d thread%s, AIVid: claims in batches of %d + fenced durable completion per job; db-scheduler %s: lock-and-fetch (%.0f×/%.0f× threads) + delete per execution; same database, interleaved, median of %d rounds | db-scheduler: %,.0f executions/s (rounds %,.0f–%,.0f) | %,.0f claims/s (rounds %,.0f–%,.0f; %,d rows) | %.2f× |%n",
              claim.threads(),
              claim.threads() == 1 ? "" : "s",
              CLAIM_BATCH,
              DbSchedulerBaseline.VERSION,
              DbSchedulerBaseline.LOWER_LIMIT_FRACTION_OF_THREADS,
              DbSchedulerBaseline.UPPER_LIMIT_FRACTION_OF_THREADS,
              claim.rounds().size(),
              baseline.median(),
              baseline.slowest(),
              baseline.fastest(),
              claim.median(),
              claim.slowest(),
              claim.fastest(),
              claim.rows(),
              claim.median() / baseline.median()));
    }
    BacklogClaims small = result.smallBacklog();
    BacklogClaims large = result.largeBacklog();
    text.append(
        String.format(
            Locale.ROOT,
            "| one claim of up to 16 queued jobs (+ 8 outputs), %,d queued jobs of 3 providers due, p50 / p99 of %d | %,d due, same run: %.1f / %.1f ms | %.1f / %.1f ms | %.2f× |%n",
            large.backlog(),
            BACKLOG_CLAIMS,
            small.backlog(),
            small.claimMicros().p50() / 1e3,
            small.claimMicros().p99() / 1e3,
            large.claimMicros().p50() / 1e3,
            large.claimMicros().p99() / 1e3,
            large.claimMicros().p50() / (double) Math.max(1, small.claimMicros().p50())));
    FanOutResult one = result.one();
    FanOutResult many = result.many();
    text.append(
        String.format(
            Locale.ROOT,
            "| SSE fan-out, grant → last subscriber's balance event, %,d subscribers, p50 | 1 subscriber: %.1f ms | %.1f ms | %.2f× |%n",
            many.subscribers(),
            one.toLast().p50() / 1e3,
            many.toLast().p50() / 1e3,
            many.toLast().p50() / (double) Math.max(1, one.toLast().p50())));
    text.append(
        String.format(
            Locale.ROOT,
            "| same, p99 | %.1f ms | %.1f ms (per subscriber p50 %.1f ms) | %.2f× |%n",
            one.toLast().p99() / 1e3,
            many.toLast().p99() / 1e3,
            many.perSubscriber().p50() / 1e3,
            many.toLast().p99() / (double) Math.max(1, one.toLast().p99())));
    text.append(
        "\ndb-scheduler's own published figure, for scale: ≈10,600 executions/s with lock-and-fetch, 4"
            + " instances of 20 threads on 2-core VMs against a 4-core PostgreSQL"
            + " (https://github.com/kagkarlsson/db-scheduler/blob/master/docs/performance.md).\n");
    return text.toString();
  }
}
