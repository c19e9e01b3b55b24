package dev.aivid.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.AccountService;
import dev.aivid.account.ApiKey;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.Authentication;
import dev.aivid.account.CreatedApiKey;
import dev.aivid.account.Organization;
import dev.aivid.account.Principal;
import dev.aivid.account.RevokeResult;
import dev.aivid.api.internal.CreditsJson;
import dev.aivid.api.internal.ErrorMapper;
import dev.aivid.api.internal.IdempotentRequests;
import dev.aivid.api.internal.Responses;
import dev.aivid.api.internal.OpenAiJson;
import dev.aivid.api.internal.VideoRequestParser;
import dev.aivid.assets.AssetService;
import dev.aivid.catalog.Catalog;
import dev.aivid.preflight.PreflightEngine;
import dev.aivid.stack.StackService;
import dev.aivid.credits.Credits;
import dev.aivid.credits.LedgerService;
import dev.aivid.idempotency.IdempotencyStore;
import dev.aivid.jobs.VideoCreateCommand;
import dev.aivid.jobs.VideoException;
import dev.aivid.jobs.VideoJob;
import dev.aivid.jobs.VideoService;
import dev.aivid.storage.Blob;
import dev.aivid.storage.BlobStore;
import io.javalin.Javalin;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** The HTTP skin: parses, authenticates, calls feature services, maps errors. No rules here. */
public final class HttpApi {
  private static final String PRINCIPAL = "aivid.principal";
  private static final String ROUTE = "aivid.route";
  private static final long POLL_AFTER_MILLIS = 1000;

  private final AccountService accounts;
  private final VideoService videos;
  private final Responses responses;
  private final IdempotentRequests idempotent;
  private final CreditsHandlers credits;
  private final AssetHandlers assets;
  private final PreflightHandlers preflight;
  private final Catalog catalog;
  private final BlobStore blobs;
  private final ObjectMapper json;
  private final OpenAiJson openAi;
  private final CreditsJson creditsJson;
  private final ErrorMapper errors;
  private final VideoRequestParser parser;
  private final PrometheusMeterRegistry meters;
  private final BooleanSupplier ready;
  private final byte[] openApiDocument;
  private final long maxUploadBytes;
  private final Path uploadDirectory;
  private final List<Route> routes;

  private final dev.aivid.connections.ProviderConnections connections;
  private final ProviderHandlers providers;
  private final dev.aivid.assets.BeatAnalysis beatAnalysis;
  private final dev.aivid.preview.PreviewService previews;
  private final dev.aivid.jobs.StitchService stitches;
  private final dev.aivid.jobs.StoryboardService storyboards;
  private final StoryboardHandlers storyboardHandlers;
  private final SseHandler videoEventsHandler = new SseHandler(this::videoEvents);
  private final WebhookHandlers webhooks;
  private final ProviderCallbackHandlers providerCallbacks;
  private final VideoDerivativeHandlers derivatives;

  public HttpApi(
      AccountService accounts,
      VideoService videos,
      LedgerService ledger,
      AssetService assetService,
      StackService stackService,
      IdempotencyStore idempotencyStore,
      InstantSource clock,
      Catalog catalog,
      BlobStore blobs,
      ObjectMapper json,
      PrometheusMeterRegistry meters,
      BooleanSupplier ready,
      long maxUploadBytes,
      Path uploadDirectory,
      dev.aivid.connections.ProviderConnections connections,
      dev.aivid.preview.PreviewService previews,
      dev.aivid.jobs.StitchService stitches,
      dev.aivid.jobs.StoryboardService storyboards,
      dev.aivid.webhooks.WebhookService webhookService,
      dev.aivid.jobs.ProviderCallbackService providerCallbacks) {
    this.accounts = accounts;
    this.connections = connections;
    this.previews = previews;
    this.stitches = stitches;
    this.storyboards = storyboards;
    this.beatAnalysis = new dev.aivid.assets.BeatAnalysis(assetService);
    this.providers = new ProviderHandlers(connections, json, new Responses(json), HttpApi::principal);
    this.videos = videos;
    this.responses = new Responses(json);
    this.idempotent = new IdempotentRequests(idempotencyStore);
    this.credits =
        new CreditsHandlers(
            ledger, accounts, json, responses, idempotent, clock, HttpApi::principal);
    this.catalog = catalog;
    this.blobs = blobs;
    this.json = json;
    this.openAi = new OpenAiJson(json);
    this.creditsJson = new CreditsJson(json);
    this.errors = new ErrorMapper(json);
    this.parser = new VideoRequestParser(json, maxUploadBytes, uploadDirectory);
    this.meters = meters;
    this.ready = ready;
    this.maxUploadBytes = maxUploadBytes;
    this.uploadDirectory = uploadDirectory;
    this.openApiDocument = resource("/openapi.json");
    this.assets =
        new AssetHandlers(
            assetService, stackService, parser, json, responses, maxUploadBytes, HttpApi::principal);
    this.preflight =
        new PreflightHandlers(
            new PreflightEngine(catalog), assetService, stackService, assets, json, responses, HttpApi::principal);
    this.webhooks = new WebhookHandlers(webhookService, json, responses, HttpApi::principal);
    this.providerCallbacks = new ProviderCallbackHandlers(providerCallbacks, json, responses);
    this.storyboardHandlers =
        new StoryboardHandlers(storyboards, videos, assets, json, responses, idempotent, HttpApi::principal);
    this.derivatives =
        new VideoDerivativeHandlers(
            videos,
            new dev.aivid.api.internal.VideoSourceRequestParser(json, parser, maxUploadBytes),
            idempotent,
            responses,
            json,
            HttpApi::principal,
            (context, principal, job) -> {
              context.header("x-aivid-credits-held", Credits.format(job.holdId() == null ? 0 : job.estimateMicros()));
              routingHeaders(context, principal, job);
              writeVideo(context, job);
            });
    this.routes = routeTable();
  }

  public List<Route> routes() {
    return routes;
  }

  private List<Route> routeTable() {
    return List.of(
        new Route(HandlerType.GET, "/healthz", Route.Access.PUBLIC, this::health),
        new Route(HandlerType.GET, "/readyz", Route.Access.PUBLIC, this::readiness),
        new Route(HandlerType.GET, "/metrics", Route.Access.PUBLIC, this::metrics),
        new Route(HandlerType.GET, "/openapi.json", Route.Access.PUBLIC, this::openApi),
        new Route(HandlerType.POST, "/v1/videos", Route.Access.MEMBER, this::createVideo),
        new Route(HandlerType.POST, "/v1/videos/extensions", Route.Access.MEMBER, derivatives::extend),
        new Route(HandlerType.POST, "/v1/videos/edits", Route.Access.MEMBER, derivatives::edit),
        new Route(HandlerType.POST, "/v1/videos/characters", Route.Access.MEMBER, derivatives::createCharacter),
        new Route(HandlerType.GET, "/v1/videos/characters/{character_id}", Route.Access.MEMBER, derivatives::getCharacter),
        new Route(HandlerType.GET, "/v1/videos", Route.Access.MEMBER, this::listVideos),
        new Route(HandlerType.GET, "/v1/videos/{video_id}", Route.Access.MEMBER, this::getVideo),
        new Route(
            HandlerType.DELETE, "/v1/videos/{video_id}", Route.Access.MEMBER, this::deleteVideo),
        new Route(
            HandlerType.GET, "/v1/videos/{video_id}/content", Route.Access.MEMBER, this::content),
        new Route(
            HandlerType.POST, "/v1/videos/{video_id}/remix", Route.Access.MEMBER, this::remix),
        new Route(HandlerType.GET, "/v1/models", Route.Access.MEMBER, this::listModels),
        new Route(HandlerType.GET, "/v1/models/<model>", Route.Access.MEMBER, this::getModel),
        new Route(
            HandlerType.GET, "/v1/videos/{video_id}/credits", Route.Access.MEMBER, this::videoCredits),
        new Route(HandlerType.GET, "/v1/credits", Route.Access.MEMBER, credits::balance),
        new Route(HandlerType.GET, "/v1/credits/ledger", Route.Access.MEMBER, credits::ledger),
        new Route(HandlerType.POST, "/v1/credits/grants", Route.Access.ADMIN, credits::grant),
        new Route(HandlerType.GET, "/v1/credits/budgets", Route.Access.MEMBER, credits::budgets),
        new Route(
            HandlerType.PUT,
            "/v1/credits/budgets/{scope}/{target_id}",
            Route.Access.ADMIN,
            credits::saveBudget),
        new Route(
            HandlerType.DELETE,
            "/v1/credits/budgets/{budget_id}",
            Route.Access.ADMIN,
            credits::deleteBudget),
        new Route(
            HandlerType.GET,
            "/v1/credits/stream",
            Route.Access.MEMBER,
            new SseHandler(credits::stream)),
        new Route(HandlerType.POST, "/v1/assets", Route.Access.MEMBER, assets::upload),
        new Route(HandlerType.GET, "/v1/assets/{asset_id}", Route.Access.MEMBER, assets::get),
        new Route(
            HandlerType.GET, "/v1/assets/{asset_id}/content", Route.Access.MEMBER, assets::content),
        new Route(HandlerType.DELETE, "/v1/assets/{asset_id}", Route.Access.MEMBER, assets::delete),
        new Route(HandlerType.POST, "/v1/stacks", Route.Access.MEMBER, assets::createStack),
        new Route(HandlerType.POST, "/v1/renders", Route.Access.MEMBER, this::render),
        new Route(HandlerType.GET, "/v1/stacks/{stack_id}", Route.Access.MEMBER, assets::getStack),
        new Route(HandlerType.POST, "/v1/stacks/preflight", Route.Access.MEMBER, this::preflightStack),
        new Route(
            HandlerType.GET, "/v1/videos/{video_id}/routing", Route.Access.MEMBER, this::videoRouting),
        new Route(HandlerType.GET, "/v1/videos/{video_id}/qc", Route.Access.MEMBER, this::videoQc),
        new Route(HandlerType.GET, "/v1/videos/{video_id}/events", Route.Access.MEMBER, this::followVideo),
        new Route(HandlerType.POST, "/v1/audio/beats", Route.Access.MEMBER, this::audioBeats),
        new Route(HandlerType.POST, "/v1/previews", Route.Access.MEMBER, this::createPreview),
        new Route(HandlerType.POST, "/v1/stitches", Route.Access.MEMBER, this::createStitch),
        new Route(HandlerType.POST, "/v1/storyboards", Route.Access.MEMBER, storyboardHandlers::create),
        new Route(HandlerType.POST, "/v1/storyboards/preflight", Route.Access.MEMBER, storyboardHandlers::preflight),
        new Route(HandlerType.GET, "/v1/storyboards", Route.Access.MEMBER, storyboardHandlers::list),
        new Route(HandlerType.GET, "/v1/storyboards/{storyboard_id}", Route.Access.MEMBER, storyboardHandlers::get),
        new Route(HandlerType.GET, "/v1/storyboards/{storyboard_id}/events", Route.Access.MEMBER, storyboardHandlers::follow),
        new Route(HandlerType.GET, "/v1/stitches/{stitch_id}", Route.Access.MEMBER, this::getStitch),
        new Route(HandlerType.GET, "/v1/stitches/{stitch_id}/content", Route.Access.MEMBER, this::stitchContent),
        new Route(HandlerType.GET, "/v1/previews/{preview_id}", Route.Access.MEMBER, this::getPreview),
        new Route(HandlerType.GET, "/v1/previews/{preview_id}/content", Route.Access.MEMBER, this::previewContent),
        new Route(HandlerType.GET, "/v1/providers", Route.Access.MEMBER, providers::list),
        new Route(HandlerType.GET, "/v1/providers/{provider}", Route.Access.MEMBER, providers::get),
        new Route(
            HandlerType.POST,
            "/v1/providers/{provider}/credentials",
            Route.Access.ADMIN,
            providers::saveCredentials),
        new Route(
            HandlerType.DELETE,
            "/v1/providers/{provider}/credentials",
            Route.Access.ADMIN,
            providers::deleteCredentials),
        new Route(HandlerType.POST, "/v1/webhooks", Route.Access.ADMIN, webhooks::create),
        new Route(HandlerType.GET, "/v1/webhooks", Route.Access.MEMBER, webhooks::list),
        new Route(HandlerType.GET, "/v1/webhooks/{webhook_id}", Route.Access.MEMBER, webhooks::get),
        new Route(HandlerType.DELETE, "/v1/webhooks/{webhook_id}", Route.Access.ADMIN, webhooks::delete),
        new Route(
            HandlerType.GET, "/v1/webhooks/{webhook_id}/deliveries", Route.Access.MEMBER, webhooks::deliveries),
        new Route(
            HandlerType.POST,
            "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
            Route.Access.ADMIN,
            webhooks::redeliver),
        // Authenticated by the per-job token or the provider's signature, not by an API key.
        new Route(
            HandlerType.POST,
            "/v1/provider-callbacks/{provider}/{token}",
            Route.Access.PUBLIC,
            providerCallbacks::receive),
        new Route(HandlerType.POST, "/v1/keys", Route.Access.ADMIN, this::createKey),
        new Route(HandlerType.GET, "/v1/keys", Route.Access.ADMIN, this::listKeys),
        new Route(HandlerType.DELETE, "/v1/keys/{key_id}", Route.Access.ADMIN, this::revokeKey));
  }

  /** Builds (does not start) the Javalin server. */
  public Javalin create(String host, int port) {
    return create(host, port, List.of(), SessionAuthentication.NONE);
  }

  /**
   * Builds the server with extra HTML pages (kept out of the API route table and openapi.json)
   * and a second way to authenticate API calls that carry no {@code Authorization} header.
   */
  public Javalin create(String host, int port, List<Route> pages, SessionAuthentication sessions) {
    try {
      Files.createDirectories(uploadDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Javalin.create(
        config -> {
          // A burst of new connections must queue, not be reset: the JDK's default backlog is 50.
          config.jetty.addConnector(
              (server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setAcceptQueueSize(1024);
                return connector;
              });
          config.startup.showJavalinBanner = false;
          config.concurrency.useVirtualThreads = true;
          config.http.maxRequestSize = maxUploadBytes * 4 / 3 + 64 * 1024;
          config.jetty.multipartConfig.cacheDirectory(uploadDirectory.toString());
          config.jetty.multipartConfig.maxFileSize(maxUploadBytes, SizeUnit.BYTES);
          config.jetty.multipartConfig.maxTotalRequestSize(maxUploadBytes + 64 * 1024, SizeUnit.BYTES);
          config.jetty.multipartConfig.maxInMemoryFileSize(256 * 1024, SizeUnit.BYTES);
          config.requestLogger.http(
              (context, millis) ->
                  // A fresh builder per request: a shared Timer.Builder is mutable, not thread-safe.
                  Timer.builder("aivid_http_requests")
                      .publishPercentileHistogram()
                      .tags(
                          "method",
                          context.method().name(),
                          "route",
                          routeName(context),
                          "status",
                          Integer.toString(context.statusCode()))
                      .register(meters)
                      .record(Duration.ofNanos((long) (millis * 1_000_000))));
          for (Route route : java.util.stream.Stream.concat(routes.stream(), pages.stream()).toList()) {
            config.routes.addHttpHandler(
                route.method(),
                route.path(),
                context -> {
                  context.attribute(ROUTE, route.path());
                  authorize(context, route.access(), sessions);
                  route.handler().handle(context);
                });
          }
          config.routes.exception(Exception.class, errors::handle);
          config.routes.exception(io.javalin.http.HttpResponseException.class, errors::handle);
          config.routes.error(404, context -> {
            if (context.attribute(ROUTE) == null && !sessions.answerUnknownPath(context)) {
              errors.notFoundRoute(context);
            }
          });
        });
  }

  private static String routeName(Context context) {
    String route = context.attribute(ROUTE);
    return route == null ? "unmatched" : route;
  }

  private void authorize(Context context, Route.Access access, SessionAuthentication sessions) {
    if (access == Route.Access.PUBLIC) {
      return;
    }
    Authentication authentication =
        context.header("Authorization") == null
            ? sessions.authenticate(context)
            : accounts.authenticate(bearer(context));
    Principal principal =
        switch (authentication) {
          case Authentication.Authenticated authenticated -> authenticated.principal();
          case Authentication.Missing missing ->
              throw new ApiException(
                  401,
                  "missing_api_key",
                  null,
                  "You didn't provide an API key. Send 'Authorization: Bearer <key>'.");
          case Authentication.Invalid invalid ->
              throw new ApiException(401, "invalid_api_key", null, "Incorrect API key provided.");
          case Authentication.Revoked revoked ->
              throw new ApiException(
                  401,
                  "revoked_api_key",
                  null,
                  "The API key starting with " + revoked.prefix() + " has been revoked.");
        };
    if (access == Route.Access.ADMIN && !principal.isAdmin()) {
      throw new ApiException(
          403, "admin_required", null, "This endpoint needs an API key with the admin role.");
    }
    context.attribute(PRINCIPAL, principal);
  }

  private static String bearer(Context context) {
    String header = context.header("Authorization");
    if (header == null) {
      return "";
    }
    return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
  }

  private static Principal principal(Context context) {
    Principal principal = context.attribute(PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("Route ran without authentication");
    }
    return principal;
  }

  private void health(Context context) {
    writeJson(context, 200, json.createObjectNode().put("status", "ok"));
  }

  private void readiness(Context context) {
    boolean isReady = ready.getAsBoolean();
    writeJson(
        context, isReady ? 200 : 503, json.createObjectNode().put("status", isReady ? "ready" : "not_ready"));
  }

  private void metrics(Context context) {
    context.contentType("text/plain; version=0.0.4; charset=utf-8");
    context.result(meters.scrape());
  }

  private void openApi(Context context) {
    context.contentType("application/json");
    context.result(openApiDocument);
  }

  private void createVideo(Context context) {
    Principal principal = principal(context);
    VideoCreateCommand command = parser.parseCreate(context);
    idempotent.run(
        context,
        principal,
        VideoRequestParser.fingerprint(context),
        () -> {
          VideoJob job = videos.create(principal, command);
          context.header("x-aivid-credits-held", Credits.format(job.holdId() == null ? 0 : job.estimateMicros()));
          routingHeaders(context, principal, job);
          writeVideo(context, job);
        });
  }

  /** Native render of an input stack (inline or stored); answers with the video object. */
  private void render(Context context) {
    Principal principal = principal(context);
    JsonNode body = readObject(context);
    var stack = assets.requestedStack(principal, body);
    idempotent.run(
        context,
        principal,
        VideoRequestParser.fingerprint(context),
        () -> {
          VideoJob job =
              videos.createFromStack(
                  principal,
                  stack,
                  optionalText(body, "model"),
                  optionalSeconds(body),
                  optionalText(body, "size"),
                  optionalText(body, "routing_policy"));
          context.header(
              "x-aivid-credits-held", Credits.format(job.holdId() == null ? 0 : job.estimateMicros()));
          routingHeaders(context, principal, job);
          writeVideo(context, job);
        });
  }

  private static @org.jspecify.annotations.Nullable String optionalText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ApiException(400, "invalid_type", field, field + " must be a string");
    }
    return value.asText();
  }

  private static @org.jspecify.annotations.Nullable String optionalSeconds(JsonNode body) {
    JsonNode value = body.get("seconds");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual() || (value.isIntegralNumber() && value.canConvertToInt())) {
      return value.asText();
    }
    throw new ApiException(400, "invalid_type", "seconds", "seconds must be a whole number");
  }

  private void videoCredits(Context context) {
    responses.json(
        context,
        200,
        creditsJson.videoCredits(videos.get(principal(context), context.pathParam("video_id"))));
  }

  private void getVideo(Context context) {
    writeVideo(context, videos.get(principal(context), context.pathParam("video_id")));
  }

  private void listVideos(Context context) {
    writeJson(
        context,
        200,
        openAi.videoPage(
            videos.list(
                principal(context),
                context.queryParam("after"),
                context.queryParam("limit"),
                context.queryParam("order"))));
  }

  private void deleteVideo(Context context) {
    VideoJob deleted = videos.delete(principal(context), context.pathParam("video_id"));
    writeJson(context, 200, openAi.deleted(deleted.id()));
  }

  private void remix(Context context) {
    Principal principal = principal(context);
    String prompt = parser.parseRemixPrompt(context);
    idempotent.run(
        context,
        principal,
        VideoRequestParser.fingerprint(context),
        () -> {
          VideoJob job = videos.remix(principal, context.pathParam("video_id"), prompt);
          context.header("x-aivid-credits-held", Credits.format(job.holdId() == null ? 0 : job.estimateMicros()));
          writeVideo(context, job);
        });
  }

  private void content(Context context) {
    writeBlob(
        context,
        videos.content(principal(context), context.pathParam("video_id"), context.queryParam("variant")));
  }

  /** Streams a stored file: seekable (Range), cacheable forever (content-addressed), with its ETag. */
  private void writeBlob(Context context, Blob blob) {
    context.header("Cache-Control", "private, max-age=31536000, immutable");
    context.header("ETag", "\"" + blob.sha256() + "\"");
    context.writeSeekableStream(blobs.open(blob), blob.mediaType(), blob.sizeBytes());
  }

  /** Preflight of a stored or inline stack; nothing charged, nothing stored. */
  private void preflightStack(Context context) {
    preflight.preflight(context);
  }

  private void listModels(Context context) {
    java.util.Set<String> routable = connections.routableProviders(principal(context).organizationId());
    var list = openAi.modelList(catalog.models());
    list.path("data").forEach(model -> markRoutable((com.fasterxml.jackson.databind.node.ObjectNode) model, routable));
    writeJson(context, 200, list);
  }

  /** {@code aivid.routable}: this organisation has credentials for the model's provider and it is not retired. */
  private void markRoutable(com.fasterxml.jackson.databind.node.ObjectNode model, java.util.Set<String> routable) {
    var detail = (com.fasterxml.jackson.databind.node.ObjectNode) model.path("aivid");
    boolean retired = detail.path("lifecycle").path("state").asText().equals("retired");
    detail.put("routable", !retired && routable.contains(detail.path("provider").asText()));
  }

  private void getModel(Context context) {
    String name = context.pathParam("model");
    var model =
        openAi.model(
            catalog
                .find(name)
                .orElseThrow(
                    () ->
                        new VideoException(
                            VideoException.Kind.NOT_FOUND,
                            "model_not_found",
                            "model",
                            "No model named '" + name + "'")));
    markRoutable(model, connections.routableProviders(principal(context).organizationId()));
    writeJson(context, 200, model);
  }

  private void createKey(Context context) {
    Principal principal = principal(context);
    JsonNode body = context.bodyAsBytes().length == 0 ? json.createObjectNode() : readObject(context);
    String name = body.path("name").asText("api key");
    String roleText = body.path("role").asText("member").toLowerCase(Locale.ROOT);
    ApiKeyRole role =
        ApiKeyRole.fromWireName(roleText)
            .orElseThrow(
                () -> new ApiException(400, "invalid_role", "role", "role must be admin or member"));
    Organization organization =
        new Organization(principal.organizationId(), "", String.valueOf(principal.projectId()));
    // Not idempotent on purpose: replaying would mean storing the new secret for 48 hours.
    CreatedApiKey created = accounts.createKey(organization, name, role);
    ObjectNode node = keyJson(created.key());
    node.put("key", created.secret());
    writeJson(context, 201, node);
  }

  private void listKeys(Context context) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    accounts.listKeys(principal(context).organizationId()).forEach(key -> data.add(keyJson(key)));
    writeJson(context, 200, node);
  }

  private void revokeKey(Context context) {
    String keyId = context.pathParam("key_id");
    ApiKey key =
        switch (accounts.revokeKey(principal(context).organizationId(), keyId)) {
          case RevokeResult.Revoked revoked -> revoked.key();
          case RevokeResult.AlreadyRevoked already -> already.key();
          case RevokeResult.NotFound notFound ->
              throw new ApiException(404, "key_not_found", "key_id", "No API key '" + keyId + "'");
        };
    writeJson(context, 200, keyJson(key));
  }

  private ObjectNode keyJson(ApiKey key) {
    ObjectNode node = json.createObjectNode();
    node.put("id", key.id());
    node.put("object", "api_key");
    node.put("name", key.name());
    node.put("prefix", key.prefix());
    node.put("role", key.role().wireName());
    node.put("created_at", key.createdAt().getEpochSecond());
    node.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().getEpochSecond());
    return node;
  }

  private JsonNode readObject(Context context) {
    try {
      JsonNode node = json.readTree(context.bodyAsBytes());
      if (node == null || !node.isObject()) {
        throw new ApiException(400, "invalid_json", null, "The request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ApiException(400, "invalid_json", null, "The request body is not valid JSON");
    }
  }

  /**
   * {@code x-aivid-routed-to} names the model a job starts on; {@code x-aivid-model-rerouted} says
   * that a retired model was asked for and what served it instead.
   */
  private void routingHeaders(Context context, Principal principal, VideoJob job) {
    context.header("x-aivid-routed-to", job.model());
    videos
        .routing(principal, job.id())
        .ifPresent(
            record -> {
              if (!record.requestedModel().equals("auto") && !record.requestedModel().equals(job.model())
                  && !record.notes().isEmpty()) {
                context.header("x-aivid-model-rerouted", record.requestedModel() + " -> " + job.model());
              }
            });
  }

  /**
   * A preview of a stack (inline or stored) rendered now by the local engine: 201 with the preview,
   * its timings and control verdicts. Never charges credits.
   */
  private void createPreview(Context context) {
    Principal principal = principal(context);
    JsonNode body = readObject(context);
    var stack = assets.requestedStack(principal, body);
    JsonNode fps = body.get("frames_per_second");
    if (fps != null && !fps.isNull() && !(fps.isIntegralNumber() && fps.canConvertToInt())) {
      throw new ApiException(400, "invalid_type", "frames_per_second", "frames_per_second must be a whole number");
    }
    var preview =
        previews.create(
            principal.organizationId(),
            stack,
            optionalSeconds(body),
            optionalText(body, "size"),
            fps == null || fps.isNull() ? null : fps.asInt());
    context.header("x-aivid-credits-charged", "0");
    writeJson(context, 201, previewJson(preview));
  }

  private void getPreview(Context context) {
    writeJson(context, 200, previewJson(previews.get(principal(context).organizationId(), context.pathParam("preview_id"))));
  }

  private void previewContent(Context context) {
    writeBlob(
        context,
        previews.content(principal(context).organizationId(), context.pathParam("preview_id"), context.queryParam("variant")));
  }

  private com.fasterxml.jackson.databind.node.ObjectNode previewJson(dev.aivid.preview.Preview preview) {
    var node = json.createObjectNode();
    node.put("id", preview.id());
    node.put("object", "preview");
    node.put("created_at", preview.createdAt().getEpochSecond());
    node.setAll(preview.summary());
    String base = "/v1/previews/" + preview.id() + "/content";
    node.put("video_url", base + "?variant=video");
    node.put("poster_url", base + "?variant=poster");
    node.put("contact_sheet_url", base + "?variant=contact_sheet");
    return node;
  }

  /** {@code {"asset_id": "asset_…"}} → tempo and beat times of an uploaded audio asset. */
  private void audioBeats(Context context) {
    Principal principal = principal(context);
    JsonNode body = readObject(context);
    String assetId = optionalText(body, "asset_id");
    if (assetId == null) {
      throw new ApiException(400, "missing_asset_id", "asset_id", "asset_id is required: upload the audio with POST /v1/assets first");
    }
    var analysed = beatAnalysis.beats(principal.organizationId(), assetId);
    var node = json.createObjectNode();
    node.put("object", "audio.beats");
    node.put("asset_id", assetId);
    node.put("duration_seconds", Math.round(analysed.durationSeconds() * 1000) / 1000.0);
    node.put("tempo_bpm", Math.round(analysed.result().tempoBpm() * 100) / 100.0);
    node.put("beat_count", analysed.result().beatCount());
    var beats = node.putArray("beats");
    for (double time : analysed.result().beatTimesSeconds()) {
      beats.add(Math.round(time * 1000) / 1000.0);
    }
    node.put("method", "librosa beat_track (Ellis 2007 dynamic programming), ported to Java; tempo prior centred on 140 BPM");
    writeJson(context, 200, node);
  }

  /** Stitches completed videos into one cut with its EDL; answers 201 with the cut's summary. */
  private void createStitch(Context context) {
    Principal principal = principal(context);
    JsonNode body = readObject(context);
    JsonNode list = body.get("segments");
    if (list == null || !list.isArray()) {
      throw new ApiException(400, "invalid_segments", "segments", "segments must be an array of {video_id, in_seconds?, out_seconds?, transition?}");
    }
    java.util.List<dev.aivid.jobs.StitchRequest.Part> parts = new java.util.ArrayList<>();
    for (int index = 0; index < list.size(); index++) {
      JsonNode item = list.get(index);
      String field = "segments[" + index + "]";
      if (!item.isObject() || !item.path("video_id").isTextual()) {
        throw new ApiException(400, "invalid_segments", field + ".video_id", field + " needs a video_id string");
      }
      parts.add(
          new dev.aivid.jobs.StitchRequest.Part(
              item.path("video_id").asText(),
              number(item, "in_seconds", field),
              number(item, "out_seconds", field),
              optionalText(item, "transition"),
              number(item, "crossfade_seconds", field)));
    }
    JsonNode fps = body.get("frames_per_second");
    if (fps != null && !fps.isNull() && !(fps.isIntegralNumber() && fps.canConvertToInt())) {
      throw new ApiException(400, "invalid_type", "frames_per_second", "frames_per_second must be a whole number");
    }
    JsonNode snap = body.get("snap_to_beats");
    if (snap != null && !snap.isNull() && !snap.isBoolean()) {
      throw new ApiException(400, "invalid_type", "snap_to_beats", "snap_to_beats must be true or false");
    }
    var cut =
        stitches.stitch(
            principal,
            new dev.aivid.jobs.StitchRequest(
                parts,
                optionalText(body, "size"),
                fps == null || fps.isNull() ? null : fps.asInt(),
                optionalText(body, "soundtrack_asset_id"),
                snap != null && snap.asBoolean(),
                optionalText(body, "title")));
    context.header("x-aivid-credits-charged", "0");
    writeJson(context, 201, stitchJson(cut));
  }

  private static @org.jspecify.annotations.Nullable Double number(JsonNode item, String name, String field) {
    JsonNode value = item.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new ApiException(400, "invalid_type", field + "." + name, field + "." + name + " must be a number");
    }
    return value.asDouble();
  }

  private void getStitch(Context context) {
    writeJson(context, 200, stitchJson(stitches.get(principal(context), context.pathParam("stitch_id"))));
  }

  private void stitchContent(Context context) {
    var cut = stitches.get(principal(context), context.pathParam("stitch_id"));
    String variant = context.queryParam("variant") == null ? "video" : context.queryParam("variant");
    switch (variant) {
      case "video" -> writeBlob(context, stitches.video(cut));
      case "edl" -> {
        context.contentType("text/plain; charset=utf-8");
        context.result(cut.edlCmx3600());
      }
      default -> throw new ApiException(400, "invalid_variant", "variant", "variant must be video or edl");
    }
  }

  private com.fasterxml.jackson.databind.node.ObjectNode stitchJson(dev.aivid.jobs.StitchedCut cut) {
    var node = json.createObjectNode();
    node.put("id", cut.id());
    node.put("object", "stitch");
    node.put("created_at", cut.createdAt().getEpochSecond());
    node.setAll(cut.summary());
    String base = "/v1/stitches/" + cut.id() + "/content";
    node.put("video_url", base + "?variant=video");
    node.put("edl_url", base + "?variant=edl");
    return node;
  }

  /** Answers 404 before the stream starts (an SSE response is committed as 200 at once). */
  private void followVideo(Context context) throws Exception {
    videos.get(principal(context), context.pathParam("video_id"));
    videoEventsHandler.handle(context);
  }

  /**
   * Server-sent events for one video: {@code event: video} with the video object now and after
   * every change on any node (PostgreSQL notifications, coalesced so none is missed), then the
   * stream ends once the video is completed, failed or deleted.
   */
  private void videoEvents(io.javalin.http.sse.SseClient client) {
    Principal principal = principal(client.ctx());
    String id = client.ctx().pathParam("video_id");
    dev.aivid.api.internal.CoalescedEvents.follow(
        client,
        wake -> videos.subscribe(principal, id, wake),
        () -> {
          var job = videos.find(principal, id);
          if (job.isEmpty()) {
            client.sendEvent("deleted", "{\"id\":\"" + id + "\",\"object\":\"video.deleted\",\"deleted\":true}");
            return false;
          }
          client.sendEvent("video", json.writeValueAsString(openAi.video(job.get())));
          return !job.get().phase().isTerminal();
        });
  }

  private void videoQc(Context context) {
    Principal principal = principal(context);
    String id = context.pathParam("video_id");
    var node = json.createObjectNode();
    node.put("object", "video.qc");
    node.put("video_id", id);
    var checks = node.putArray("checks");
    videos.qc(principal, id).forEach(checks::add);
    writeJson(context, 200, node);
  }

  private void videoRouting(Context context) {
    Principal principal = principal(context);
    String id = context.pathParam("video_id");
    VideoJob job = videos.get(principal, id);
    var node = json.createObjectNode();
    node.put("object", "video.routing");
    node.put("video_id", id);
    node.put("model", job.model());
    node.put("provider", job.provider());
    videos.queuedReason(job).ifPresent(reason -> node.put("queued_reason", reason));
    videos
        .routing(principal, id)
        .ifPresent(
            record -> {
              node.put("requested_model", record.requestedModel());
              node.put("policy", record.policy());
              node.set("routing", record.decision());
              var fallbacks = node.putArray("fallbacks");
              record.fallbacks().forEach(fallbacks::add);
              node.put("switches", record.switches());
              var notes = node.putArray("notes");
              record.notes().forEach(notes::add);
              node.set("controls", record.verdicts());
            });
    node.set("chain", videos.chain(principal, id, json).map(JsonNode.class::cast).orElse(json.nullNode()));
    writeJson(context, 200, node);
  }

  private void writeVideo(Context context, VideoJob job) {
    if (!job.phase().isTerminal()) {
      context.header("openai-poll-after-ms", Long.toString(POLL_AFTER_MILLIS));
    } else if (job.chargedMicros() != null) {
      context.header("x-aivid-credits-charged", Credits.format(job.chargedMicros()));
    }
    writeJson(context, 200, openAi.video(job));
  }

  private void writeJson(Context context, int status, JsonNode node) {
    responses.json(context, status, node);
  }

  private static byte[] resource(String name) {
    try (InputStream input = HttpApi.class.getResourceAsStream(name)) {
      if (input == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return input.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
