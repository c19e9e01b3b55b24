package dev.aivid;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.account.AccountService;
import dev.aivid.account.Bootstrap;
import dev.aivid.account.internal.AccountRepository;
import dev.aivid.api.HttpApi;
import dev.aivid.assets.AssetService;
import dev.aivid.assets.internal.AssetRepository;
import dev.aivid.catalog.Catalog;
import dev.aivid.dashboard.DashboardRoutes;
import dev.aivid.dashboard.DashboardSessions;
import dev.aivid.dashboard.internal.SessionRepository;
import dev.aivid.stack.StackService;
import dev.aivid.stack.internal.StackRepository;
import dev.aivid.account.Organization;
import dev.aivid.config.AppConfig;
import dev.aivid.credits.LedgerService;
import dev.aivid.database.Database;
import dev.aivid.fetch.AddressPolicy;
import dev.aivid.idempotency.IdempotencyStore;
import dev.aivid.fetch.FetchLimits;
import dev.aivid.fetch.HostResolver;
import dev.aivid.fetch.SafeUrlFetcher;
import dev.aivid.jobs.JobWorker;
import dev.aivid.jobs.VideoService;
import dev.aivid.jobs.internal.VideoRepository;
import dev.aivid.connections.ProviderConnections;
import dev.aivid.database.ChannelListener;
import dev.aivid.connections.SecretKeyFile;
import dev.aivid.connections.internal.CredentialCipher;
import dev.aivid.connections.internal.CredentialRepository;
import dev.aivid.jobs.StitchService;
import dev.aivid.jobs.StoryboardService;
import dev.aivid.jobs.RetentionSweeper;
import dev.aivid.jobs.StoryboardTicker;
import dev.aivid.jobs.internal.StoryboardRepository;
import dev.aivid.jobs.internal.QcRepository;
import dev.aivid.jobs.internal.StitchRepository;
import dev.aivid.jobs.internal.RoutingRepository;
import dev.aivid.jobs.ProviderCallbackService;
import dev.aivid.jobs.internal.CallbackRepository;
import dev.aivid.preflight.PreflightEngine;
import dev.aivid.preview.PreviewService;
import dev.aivid.preview.internal.PreviewRepository;
import dev.aivid.providers.local.LocalPrevizProvider;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.callbacks.CallbackLinks;
import dev.aivid.providers.http.Sleeper;
import dev.aivid.storage.BlobStore;
import dev.aivid.support.Ids;
import dev.aivid.webhooks.SecretSealing;
import dev.aivid.webhooks.WebhookDispatcher;
import dev.aivid.webhooks.WebhookEvents;
import dev.aivid.webhooks.WebhookService;
import dev.aivid.webhooks.internal.WebhookRepository;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every component by constructor, starts them, stops them. */
public final class App implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final Database database;
  private final LedgerService ledger;
  private final LocalPrevizProvider localProvider;
  private final JobWorker worker;
  private final WebhookDispatcher webhookDispatcher;
  private final Javalin server;
  private final HttpApi api;
  private final AccountService accounts;
  private final @Nullable Path bootstrapKeyFile;
  private boolean closed;

  /** Notification listeners, closed before the database they read from. */
  private final List<AutoCloseable> listeners;

  private static final long RETENTION_SWEEP_MILLIS = 60_000;
  private final RetentionSweeper retention;

  private App(
      Database database,
      LedgerService ledger,
      LocalPrevizProvider localProvider,
      JobWorker worker,
      WebhookDispatcher webhookDispatcher,
      Javalin server,
      HttpApi api,
      AccountService accounts,
      @Nullable Path bootstrapKeyFile,
      RetentionSweeper retention,
      List<AutoCloseable> listeners) {
    this.listeners = List.copyOf(listeners);
    this.retention = retention;
    this.database = database;
    this.ledger = ledger;
    this.localProvider = localProvider;
    this.worker = worker;
    this.webhookDispatcher = webhookDispatcher;
    this.server = server;
    this.api = api;
    this.accounts = accounts;
    this.bootstrapKeyFile = bootstrapKeyFile;
  }

  public static App start(AppConfig config) {
    return start(config, InstantSource.system(), new SecureRandom());
  }

  public static App start(AppConfig config, InstantSource clock, SecureRandom random) {
    System.setProperty("java.awt.headless", "true");
    Path dataDirectory = config.dataDirectory();
    createDirectories(dataDirectory);
    Database database =
        Database.open(config.databaseUrl(), dataDirectory, config.durableDatabase());
    try {
      ObjectMapper json = new ObjectMapper();
      Ids ids = new Ids(random, clock);
      AccountService accounts = new AccountService(new AccountRepository(database.jdbi()), ids, clock);
      Optional<Path> keyFile = Bootstrap.ensure(accounts, config.bootstrapApiKey(), dataDirectory);
      Catalog catalog = Catalog.load(json, config.providers().catalogFile());
      BlobStore blobs = BlobStore.open(config.storage(), dataDirectory.resolve("blobs"), database.jdbi());
      sweep(dataDirectory.resolve("blobs").resolve("cache"), Duration.ofDays(1));
      sweep(dataDirectory.resolve("blobs").resolve("tmp"), Duration.ofHours(6));
      sweep(dataDirectory.resolve("work").resolve("local"), Duration.ofDays(1));
      int renderThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
      LocalPrevizProvider localProvider =
          new LocalPrevizProvider(dataDirectory.resolve("work").resolve("local"), renderThreads, 64);
      byte[] serverSecretKey = SecretKeyFile.load(config.providers().secretKeyBase64(), dataDirectory, random);
      CredentialCipher cipher = new CredentialCipher(serverSecretKey, random);
      List<ProviderFactory> providerFactories = ProviderFactories.all(json, clock, random);
      CallbackLinks callbackLinks =
          new CallbackLinks(
              config.providers().callbacks().publicBaseUrl(),
              serverSecretKey,
              Duration.ofMillis(config.providers().callbacks().pollMillisWithCallbacks()));
      ProviderConnections connections =
          new ProviderConnections(
              providerFactories,
              localProvider,
              config.providers(),
              new CredentialRepository(database.jdbi()),
              cipher,
              json,
              clock);
      RoutingRepository routingRepository = new RoutingRepository(database.jdbi(), json);
      QcRepository qcRepository = new QcRepository(database.jdbi(), json);
      ChannelListener videoEvents = new ChannelListener(database.dataSource(), "aivid_videos");
      videoEvents.start();
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(meters);
      new JvmThreadMetrics().bindTo(meters);
      new ProcessorMetrics().bindTo(meters);
      LedgerService ledger =
          new LedgerService(database.dataSource(), database.jdbi(), clock, ids, 65_536, 4_096, 5_000);
      ledger.start();
      Organization defaultOrganization =
          accounts.findOrganization(AccountService.DEFAULT_ORGANIZATION).orElseThrow();
      if (config.bootstrapCreditsMicros() > 0) {
        // A fixed transfer id makes this a replay, not a second grant, on every later start.
        ledger.grant(
            defaultOrganization.id(),
            config.bootstrapCreditsMicros(),
            "bootstrap credits (AIVID_BOOTSTRAP_CREDITS)",
            "grant_bootstrap_" + defaultOrganization.id());
      }
      VideoRepository videoRepository = new VideoRepository(database.jdbi(), config.jobLimits());
      String nodeId = nodeId(ids);
      WebhookRepository webhookRepository = new WebhookRepository(database.jdbi());
      SecretSealing webhookSealing = new CipherSealing(cipher);
      boolean privateWebhookUrls = config.webhooks().allowPrivateUrls();
      WebhookDispatcher webhookDispatcher =
          new WebhookDispatcher(
              webhookRepository,
              webhookSealing,
              HostResolver.system(),
              privateWebhookUrls,
              clock,
              random,
              nodeId,
              32,
              16,
              Duration.ofSeconds(60));
      WebhookEvents webhookEvents =
          new WebhookEvents(webhookRepository, json, ids, clock, webhookDispatcher::wake);
      WebhookService webhooks =
          new WebhookService(
              webhookRepository, webhookSealing, HostResolver.system(), privateWebhookUrls, ids, random, clock);
      JobWorker worker =
          new JobWorker(
              videoRepository,
              ledger,
              catalog,
              connections,
              routingRepository,
              qcRepository,
              json,
              blobs,
              clock,
              random,
              nodeId,
              config.workerCount(),
              config.jobLeaseMillis(),
              meters,
              webhookEvents,
              callbackLinks);
      ProviderCallbackService providerCallbacks =
          new ProviderCallbackService(
              callbackLinks,
              providerFactories,
              connections,
              new CallbackRepository(database.jdbi()),
              clock,
              Sleeper.system(),
              worker::wake);
      SafeUrlFetcher fetcher =
          new SafeUrlFetcher(
              config.allowPrivateImageUrls() ? address -> true : AddressPolicy.publicOnly(),
              HostResolver.system(),
              FetchLimits.defaults());
      VideoService videos =
          new VideoService(
              videoRepository,
              ledger,
              catalog,
              blobs,
              fetcher,
              connections,
              new PreflightEngine(catalog),
              routingRepository,
              qcRepository,
              config.providers().retiredModelPolicy(),
              json,
              videoEvents,
              ids,
              clock,
              worker::wake,
              new dev.aivid.jobs.CharacterService(
                  new dev.aivid.jobs.internal.CharacterRepository(database.jdbi()), blobs, ids, clock));
      AssetService assetService =
          new AssetService(new AssetRepository(database.jdbi(), json), blobs, ids, clock);
      StackService stackService =
          new StackService(assetService, new StackRepository(database.jdbi()), json, ids, clock);
      StitchService stitchService =
          new StitchService(videos, assetService, blobs, new StitchRepository(database.jdbi(), json), json, ids, clock);
      StoryboardService storyboards =
          new StoryboardService(
              videos, stitchService, new StoryboardRepository(database.jdbi(), json), webhookEvents, json, ids, clock);
      StoryboardTicker storyboardTicker = new StoryboardTicker(storyboards);
      RetentionSweeper retention = new RetentionSweeper(videos, database.jdbi(), RETENTION_SWEEP_MILLIS);
      HttpApi api =
          new HttpApi(
              accounts,
              videos,
              ledger,
              assetService,
              stackService,
              new IdempotencyStore(database.jdbi(), clock),
              clock,
              catalog,
              blobs,
              json,
              meters,
              () -> worker.isRunning() && database.ping(),
              config.maxUploadBytes(),
              dataDirectory.resolve("uploads"),
              connections,
              new PreviewService(
                  localProvider, blobs, new PreviewRepository(database.jdbi(), json), json, ids, clock),
              stitchService,
              storyboards,
              webhooks,
              providerCallbacks);
      DashboardRoutes dashboard =
          new DashboardRoutes(
              new DashboardSessions(new SessionRepository(database.jdbi()), accounts, random, clock),
              videos,
              storyboards);
      Javalin server = api.create("0.0.0.0", config.port(), dashboard.routes(), dashboard);
      storyboardTicker.start();
      retention.start();
      worker.start();
      webhookDispatcher.start();
      server.start();
      App app =
          new App(
              database,
              ledger,
              localProvider,
              worker,
              webhookDispatcher,
              server,
              api,
              accounts,
              keyFile.orElse(null),
              retention,
              List.of(storyboardTicker, retention, videoEvents));
      LOG.info(
          "AIVid listening on http://localhost:{} (node {}, data {})",
          server.port(),
          nodeId,
          dataDirectory);
      keyFile.ifPresent(
          file -> LOG.info("Created the first admin API key; it is in {} (mode 0600)", file));
      return app;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Webhook secrets are sealed with the key and cipher of provider credentials: one key to manage. */
  private record CipherSealing(CredentialCipher cipher) implements SecretSealing {
    @Override
    public Sealed seal(byte[] plaintext, String associatedData) {
      CredentialCipher.Sealed sealed = cipher.seal(plaintext, associatedData);
      return new Sealed(sealed.nonce(), sealed.ciphertext(), sealed.keyId());
    }

    @Override
    public byte[] open(Sealed sealed, String associatedData) {
      return cipher.open(new CredentialCipher.Sealed(sealed.nonce(), sealed.ciphertext(), sealed.keyId()), associatedData);
    }
  }

  private static String nodeId(Ids ids) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + ids.alphanumeric(6);
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create data directory " + directory, e);
    }
  }

  /**
   * Drops leftovers of crashes: half-written blobs and local renders whose node is long gone.
   * Another live node may share the data directory and be writing there now, hence the age.
   */
  private static void sweep(Path directory, Duration olderThan) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    java.time.Instant cutoff = java.time.Instant.now().minus(olderThan);
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(file -> modifiedBefore(file, cutoff))
          .sorted(Comparator.reverseOrder())
          .forEach(App::deleteQuietly);
    } catch (IOException e) {
      LOG.warn("Could not sweep {}", directory, e);
    }
  }

  private static boolean modifiedBefore(Path file, java.time.Instant cutoff) {
    try {
      return !Files.getLastModifiedTime(file).toInstant().isAfter(cutoff);
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete {}", file, e);
    }
  }

  public int port() {
    return server.port();
  }

  public Optional<Path> bootstrapKeyFile() {
    return Optional.ofNullable(bootstrapKeyFile);
  }

  public AccountService accounts() {
    return accounts;
  }

  public Database database() {
    return database;
  }

  public LedgerService ledger() {
    return ledger;
  }

  /** The sweep that deletes videos past their retention (one node at a time). */
  public RetentionSweeper retention() {
    return retention;
  }

  public HttpApi api() {
    return api;
  }

  /** Stops taking requests, lets workers finish their step, stops renders, then the database. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("Shutting down");
    server.stop();
    worker.close();
    webhookDispatcher.close();
    localProvider.close();
    for (AutoCloseable listener : listeners) {
      try {
        listener.close();
      } catch (Exception e) {
        LOG.warn("A notification listener did not close cleanly", e);
      }
    }
    ledger.close();
    database.close();
    LOG.info("Stopped");
  }
}
