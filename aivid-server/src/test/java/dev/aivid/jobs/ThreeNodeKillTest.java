package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.App;
import dev.aivid.config.AppConfig;
import dev.aivid.config.ProviderConfig;
import dev.aivid.config.WebhookConfig;
import dev.aivid.providers.openai.FakeLatencyVideoServer;
import dev.aivid.providers.openai.TinyOpenAiCatalog;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The many-nodes proof: three nodes on one PostgreSQL share a thousand jobs against a
 * provider with real latency, and one of them, a separate JVM, is killed with SIGKILL halfway. Its
 * claims are left behind as they were; the survivors wait for the leases to lapse and finish the
 * work.
 */
class ThreeNodeKillTest {
  private static final int JOBS = 1_000;
  private static final int WORKERS = 4;
  private static final long LEASE_MILLIS = 3_000;
  private static final long RENDER_LATENCY_MILLIS = 200;
  private static final String MODEL = "fake-fast";
  private static final Pattern LISTENING = Pattern.compile("AIVid listening on port (\\d+)");

  @Test
  void whenOneOfThreeNodesIsKilledHalfwayEveryOneOfAThousandJobsCompletesOnceAndEveryHoldSettlesOnce()
      throws Exception {
    Path shared = TestServers.temporaryDirectory("aivid-three-nodes-");
    Path catalog = fastModelCatalog(shared);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        FakeLatencyVideoServer provider = FakeLatencyVideoServer.start(RENDER_LATENCY_MILLIS);
        Receiver receiver = Receiver.start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      AppConfig config =
          new AppConfig(0, shared, url, TestServers.BOOTSTRAP_KEY, 1024 * 1024, WORKERS, LEASE_MILLIS, false, false, 1_000_000_000L)
              .withProviders(
                  new ProviderConfig(null, Map.of("openai", provider.credentialFields()), ProviderConfig.defaults().retiredModelPolicy(), catalog, true))
              .withWebhooks(WebhookConfig.defaults().withPrivateUrls(true))
              .withJobLimits(
                  dev.aivid.config.JobLimits.defaults()
                      .withMaxConcurrentPerOrganization(JOBS)
                      .withMaxConcurrent("openai", JOBS));
      Jdbi database = Jdbi.create(url, "postgres", "postgres");
      try (App first = App.start(config);
          App second = App.start(config);
          ChildNode doomed = ChildNode.start(shared, url, catalog, provider)) {
        List<Http> nodes =
            List.of(
                new Http("http://localhost:" + first.port(), TestServers.BOOTSTRAP_KEY),
                new Http("http://localhost:" + second.port(), TestServers.BOOTSTRAP_KEY),
                new Http("http://localhost:" + doomed.port(), TestServers.BOOTSTRAP_KEY));
        Http.Response webhook =
            nodes.getFirst()
                .postJson("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"video.completed\",\"video.failed\"]}");
        assertThat(webhook.status()).as(webhook.text()).isEqualTo(201);
        List<String> ids = submit(nodes);
        String doomedNode =
            Await.until(() -> doomedNodeId(database), Optional::isPresent, Duration.ofSeconds(30)).orElseThrow();

        // Halfway, and while the doomed node is in the middle of steps: no graceful release.
        Await.until(() -> count(database, "select count(*) from videos where phase = 'completed'"), done -> done >= JOBS / 2, Duration.ofSeconds(180));
        Await.until(() -> claimedBy(database, doomedNode).size(), claims -> claims > 0, Duration.ofSeconds(30));
        doomed.kill();
        List<String> orphaned = claimedBy(database, doomedNode);

        Await.until(
            () -> count(database, "select count(*) from videos where phase in ('completed', 'failed', 'cancelled')"),
            terminal -> terminal == JOBS,
            Duration.ofSeconds(180));

        assertThat(orphaned).as("claims the killed node left behind").isNotEmpty();
        assertThat(count(database, "select count(*) from videos where phase = 'completed'")).isEqualTo(JOBS);
        assertThat(ids).doesNotHaveDuplicates().hasSize(JOBS);
        // Completed exactly once: one completed transition per video, never two.
        assertThat(count(database, "select count(*) from video_transitions where phase = 'completed'")).isEqualTo(JOBS);
        assertThat(count(database, "select count(distinct video_id) from video_transitions where phase = 'completed'")).isEqualTo(JOBS);
        // Every hold settled once, by a post: no hold left open, none voided or expired.
        assertThat(count(database, "select count(*) from credit_transfers where kind = 'pending' and video_id is not null")).isEqualTo(JOBS);
        assertThat(count(database, "select count(*) from credit_transfers where kind = 'post'")).isEqualTo(JOBS);
        assertThat(count(database, "select count(*) from credit_transfers where kind in ('void', 'expire')")).isZero();
        assertThat(
                count(
                    database,
                    "select count(*) from credit_transfers h where h.kind = 'pending' and not exists"
                        + " (select 1 from credit_transfers r where r.pending_id = h.id)"))
            .isZero();
        assertThat(first.ledger().verify().drifts()).isEmpty();
        // At the provider: only a step the killed node had in flight may have been repeated.
        Map<String, Integer> creates = provider.createsByPrompt();
        assertThat(creates).hasSize(JOBS);
        assertThat(creates.values().stream().filter(count -> count > 1).count()).isLessThanOrEqualTo(orphaned.size());
        Map<String, Integer> downloads = provider.downloadsByPrompt();
        assertThat(downloads).hasSize(JOBS);
        assertThat(downloads.values().stream().filter(count -> count > 1).count()).isLessThanOrEqualTo(orphaned.size());
        for (String id : orphaned) {
          assertThat(nodes.getFirst().get("/v1/videos/" + id).json().path("status").asText()).as(id).isEqualTo("completed");
        }
        // One video.completed event per video, whichever node finished it and however often a step ran.
        assertThat(count(database, "select count(*) from webhook_deliveries where event_type = 'video.completed'")).isEqualTo(JOBS);
        assertThat(count(database, "select count(distinct event_id) from webhook_deliveries")).isEqualTo(JOBS);
        assertThat(count(database, "select count(distinct (payload::jsonb -> 'data' ->> 'id')) from webhook_deliveries")).isEqualTo(JOBS);
        // Every delivery goes out, but those the killed node had claimed: they wait for its 60 s webhook lease.
        Await.until(
            () ->
                database.withHandle(
                    handle ->
                        handle
                            .createQuery(
                                "select count(*) from webhook_deliveries where status <> 'delivered' and claimed_by is"
                                    + " distinct from :node")
                            .bind("node", doomedNode)
                            .mapTo(Long.class)
                            .one()),
            undelivered -> undelivered == 0,
            Duration.ofSeconds(60));
        long delivered = count(database, "select count(*) from webhook_deliveries where status = 'delivered'");
        assertThat(receiver.videoByEventId()).hasSizeGreaterThanOrEqualTo((int) delivered);
        assertThat(Set.copyOf(receiver.videoByEventId().values())).hasSameSizeAs(receiver.videoByEventId().keySet());
      }
    }
  }

  /** The jobs, spread over the three nodes' APIs, each with a prompt of its own. */
  private static List<String> submit(List<Http> nodes) throws Exception {
    List<Future<String>> created = new ArrayList<>();
    try (ExecutorService submitters = Executors.newFixedThreadPool(6)) {
      for (int i = 0; i < JOBS; i++) {
        Http node = nodes.get(i % nodes.size());
        String body =
            "{\"model\":\"" + MODEL + "\",\"prompt\":\"job number " + i + "\",\"seconds\":\"1\",\"size\":\"160x90\"}";
        created.add(
            submitters.submit(
                () -> {
                  Http.Response response = node.postJson("/v1/videos", body);
                  assertThat(response.status()).as(response.text()).isEqualTo(200);
                  return response.json().path("id").asText();
                }));
      }
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> future : created) {
      ids.add(future.get());
    }
    return ids;
  }

  /** A model of the OpenAI-compatible kind at the fake's tiny size, so a thousand outputs are cheap to check. */
  private static Path fastModelCatalog(Path directory) throws IOException {
    return TinyOpenAiCatalog.write(
        directory.resolve("catalog-override.json"), TinyOpenAiCatalog.model(MODEL, "Fake fast upstream"));
  }

  private static Optional<String> doomedNodeId(Jdbi database) {
    // The doomed node registers last: the in-process nodes started (and heartbeat) before it.
    return database.withHandle(
        handle ->
            handle
                .createQuery("select id from worker_nodes order by started_at desc limit 1")
                .mapTo(String.class)
                .findOne()
                .filter(id -> handle.createQuery("select count(*) from worker_nodes").mapTo(Integer.class).one() == 3));
  }

  private static List<String> claimedBy(Jdbi database, String nodeId) {
    return database.withHandle(
        handle ->
            handle
                .createQuery("select id from videos where claimed_by = :node and claimed_until > now()")
                .bind("node", nodeId)
                .mapTo(String.class)
                .list());
  }

  private static long count(Jdbi database, String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
  }

  /** A webhook endpoint on 127.0.0.1 that records which video each event id was about. */
  private static final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> videoByEventId = new ConcurrentHashMap<>();

    private Receiver(HttpServer server) {
      this.server = server;
    }

    static Receiver start() throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_024);
      Receiver receiver = new Receiver(server);
      ObjectMapper json = new ObjectMapper();
      server.createContext(
          "/hooks",
          exchange -> {
            try (exchange) {
              JsonNode body = json.readTree(exchange.getRequestBody());
              receiver.videoByEventId.put(
                  String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")), body.path("data").path("id").asText());
              exchange.sendResponseHeaders(204, -1);
            }
          });
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return receiver;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    Map<String, String> videoByEventId() {
      return Map.copyOf(videoByEventId);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** An AIVid node in a JVM of its own, so it can be killed the hard way. */
  private static final class ChildNode implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private ChildNode(Process process, Path log, int port) {
      this.process = process;
      this.log = log;
      this.port = port;
    }

    static ChildNode start(Path dataDirectory, String databaseUrl, Path catalog, FakeLatencyVideoServer provider)
        throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      Path log = Files.createTempFile("aivid-child-node-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-Xmx512m",
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.aivid.Main",
                  "serve")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> environment = builder.environment();
      environment.keySet().removeIf(key -> key.startsWith("AIVID_"));
      environment.put("AIVID_PORT", "0");
      environment.put("AIVID_DATA_DIR", dataDirectory.toString());
      environment.put("AIVID_DATABASE_URL", databaseUrl);
      environment.put("AIVID_BOOTSTRAP_API_KEY", TestServers.BOOTSTRAP_KEY);
      environment.put("AIVID_WORKERS", Integer.toString(WORKERS));
      environment.put("AIVID_JOB_LEASE_MILLIS", Long.toString(LEASE_MILLIS));
      environment.put("AIVID_CATALOG_FILE", catalog.toString());
      environment.put("AIVID_PROVIDER_OPENAI_API_KEY", FakeLatencyVideoServer.API_KEY);
      environment.put("AIVID_PROVIDER_OPENAI_BASE_URL", provider.baseUrl());
      environment.put("AIVID_ALLOW_PRIVATE_PROVIDER_URLS", "true");
      environment.put("AIVID_ALLOW_PRIVATE_WEBHOOK_URLS", "true");
      environment.put("AIVID_MAX_CONCURRENT_PER_ORG", Integer.toString(JOBS));
      environment.put("AIVID_PROVIDER_OPENAI_MAX_CONCURRENT", Integer.toString(JOBS));
      Process process = builder.start();
      int port =
          Await.until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError("The child node exited: " + read(log));
                }
                Matcher matcher = LISTENING.matcher(read(log));
                return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
              },
              found -> found > 0,
              Duration.ofSeconds(60));
      return new ChildNode(process, log, port);
    }

    int port() {
      return port;
    }

    /** SIGKILL: no shutdown hook runs, so no claim is released and the node never says goodbye. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    private static String read(Path log) {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException, InterruptedException {
      kill();
      Files.deleteIfExists(log);
    }
  }
}
