package dev.aivid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.Principal;
import dev.aivid.api.internal.CoalescedEvents;
import dev.aivid.api.internal.IdempotentRequests;
import dev.aivid.api.internal.Responses;
import dev.aivid.api.internal.VideoRequestParser;
import dev.aivid.credits.Credits;
import dev.aivid.credits.Transfer;
import dev.aivid.jobs.PlannedVideo;
import dev.aivid.jobs.StitchRequest;
import dev.aivid.jobs.Storyboard;
import dev.aivid.jobs.StoryboardService;
import dev.aivid.jobs.VideoException;
import dev.aivid.jobs.VideoJob;
import dev.aivid.jobs.VideoPhase;
import dev.aivid.jobs.VideoService;
import dev.aivid.preflight.Finding;
import dev.aivid.preflight.ModelReport;
import dev.aivid.stack.StackEntryRequest;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Storyboards: the preflight and estimate of a whole board, creation (one hold for the board),
 * the board with what each shot holds and was charged, and its event stream.
 */
final class StoryboardHandlers {
  private final StoryboardService storyboards;
  private final VideoService videos;
  private final AssetHandlers assets;
  private final ObjectMapper json;
  private final Responses responses;
  private final IdempotentRequests idempotent;
  private final Function<Context, Principal> principals;
  private final SseHandler eventsHandler = new SseHandler(this::events);

  StoryboardHandlers(
      StoryboardService storyboards,
      VideoService videos,
      AssetHandlers assets,
      ObjectMapper json,
      Responses responses,
      IdempotentRequests idempotent,
      Function<Context, Principal> principals) {
    this.storyboards = storyboards;
    this.videos = videos;
    this.assets = assets;
    this.json = json;
    this.responses = responses;
    this.idempotent = idempotent;
    this.principals = principals;
  }

  /** The board's request as parsed: its shots and the board-wide settings. */
  private record BoardRequest(
      List<StoryboardService.Shot> shots,
      @Nullable String size,
      @Nullable Integer framesPerSecond,
      @Nullable String soundtrackAssetId,
      boolean snapToBeats,
      @Nullable String title) {}

  /** {@code POST /v1/storyboards/preflight}: every shot routed, preflighted and priced; nothing stored or held. */
  void preflight(Context context) {
    Principal principal = principals.apply(context);
    BoardRequest request = request(principal, context);
    StoryboardService.Estimate estimate = storyboards.estimate(principal, request.shots(), request.size());
    ObjectNode node = json.createObjectNode();
    node.put("object", "storyboard.preflight");
    ArrayNode shots = node.putArray("shots");
    for (int index = 0; index < estimate.shots().size(); index++) {
      shots.add(shotPreflight(index, estimate.shots().get(index)));
    }
    node.put("estimated_credits", Credits.format(estimate.totalMicros()));
    long available = videos.availableMicros(principal);
    node.put("available_credits", available == Long.MAX_VALUE ? null : Credits.format(available));
    node.put("affordable", estimate.totalMicros() <= available);
    responses.json(context, 200, node);
  }

  private ObjectNode shotPreflight(int index, PlannedVideo shot) {
    ObjectNode item = json.createObjectNode();
    item.put("index", index);
    item.put("requested_model", shot.requested());
    item.put("model", shot.model().id());
    item.put("provider", shot.model().provider());
    item.put("routed", shot.routed());
    item.put("explanation", shot.explanation());
    ArrayNode fallbacks = item.putArray("fallbacks");
    shot.fallbacks().forEach(fallbacks::add);
    item.put("seconds", shot.seconds());
    item.put("size", shot.size().toString());
    item.put("estimated_credits", Credits.format(shot.estimateMicros()));
    ModelReport report = shot.report();
    item.put("verdict", report == null ? null : report.verdict().wireName());
    ArrayNode findings = item.putArray("findings");
    if (report != null) {
      for (Finding finding : report.findings()) {
        findings
            .addObject()
            .put("rule", finding.rule())
            .put("severity", finding.severity().name().toLowerCase(java.util.Locale.ROOT))
            .put("message", finding.message());
      }
      ArrayNode controls = item.putArray("controls");
      report.inputs().forEach(
          input ->
              controls
                  .addObject()
                  .put("control", input.mention())
                  .put("fidelity", input.droppedForCapacity() ? "dropped" : input.treatment().name().toLowerCase(java.util.Locale.ROOT))
                  .put("detail", input.detail()));
    }
    ArrayNode notes = item.putArray("notes");
    shot.notes().forEach(notes::add);
    return item;
  }

  /**
   * {@code POST /v1/storyboards}: preflight every shot, hold the board's whole estimate at once
   * (402 with nothing held when it does not fit), queue every shot; 201.
   */
  void create(Context context) {
    Principal principal = principals.apply(context);
    idempotent.run(
        context,
        principal,
        VideoRequestParser.fingerprint(context),
        () -> {
          BoardRequest request = request(principal, context);
          Storyboard board =
              storyboards.create(
                  principal,
                  request.shots(),
                  request.size(),
                  request.framesPerSecond(),
                  request.soundtrackAssetId(),
                  request.snapToBeats(),
                  request.title());
          responses.json(context, 201, board(principal, board));
        });
  }

  void get(Context context) {
    Principal principal = principals.apply(context);
    responses.json(context, 200, board(principal, storyboards.get(principal, context.pathParam("storyboard_id"))));
  }

  /** Cursor page of the organisation's storyboards, newest first by default, like {@code GET /v1/videos}. */
  void list(Context context) {
    Principal principal = principals.apply(context);
    String limitText = context.queryParam("limit");
    int limit;
    try {
      limit = limitText == null ? 20 : Integer.parseInt(limitText);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > 100) {
      throw VideoException.invalid("limit", "invalid_limit", "limit must be an integer 1..100");
    }
    String order = context.queryParam("order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw VideoException.invalid("order", "invalid_order", "order must be 'asc' or 'desc'");
    }
    var page = storyboards.list(principal, context.queryParam("after"), limit, "asc".equals(order));
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    page.storyboards().forEach(board -> data.add(board(principal, board)));
    node.put("first_id", page.storyboards().isEmpty() ? null : page.storyboards().getFirst().id());
    node.put("last_id", page.storyboards().isEmpty() ? null : page.storyboards().getLast().id());
    node.put("has_more", page.hasMore());
    responses.json(context, 200, node);
  }

  /** {@code GET /v1/storyboards/{id}/events}: the board now and after every change of it or a shot. */
  void follow(Context context) throws Exception {
    storyboards.get(principals.apply(context), context.pathParam("storyboard_id"));
    eventsHandler.handle(context);
  }

  /**
   * Server-sent events: {@code shot} when a shot's status or progress changes, {@code stitching}
   * when the cut starts, then {@code storyboard.completed} or {@code storyboard.failed}, and the
   * stream ends. Wake-ups come from PostgreSQL notifications (any node), coalesced; only changes
   * are sent, in the order this node observes them.
   */
  private void events(SseClient client) {
    Principal principal = principals.apply(client.ctx());
    String id = client.ctx().pathParam("storyboard_id");
    java.util.Map<String, String> lastShot = new java.util.concurrent.ConcurrentHashMap<>();
    String[] lastStatus = {""};
    CoalescedEvents.follow(
        client,
        wake -> storyboards.subscribe(principal, id, wake),
        () -> sendChanges(client, principal, id, lastShot, lastStatus));
  }

  /** Sends what changed since the last call; false once the terminal event is sent. */
  private boolean sendChanges(
      SseClient client, Principal principal, String id, java.util.Map<String, String> lastShot, String[] lastStatus)
      throws IOException {
    Optional<Storyboard> found = storyboards.find(principal, id);
    if (found.isEmpty()) {
      return false;
    }
    Storyboard board = found.get();
    for (int index = 0; index < board.shots().size(); index++) {
      String videoId = board.shots().get(index).videoId();
      Optional<VideoJob> job = videos.find(principal, videoId);
      String state = job.map(shot -> status(shot) + "/" + shot.progress()).orElse("deleted");
      if (state.equals(lastShot.put(videoId, state))) {
        continue;
      }
      ObjectNode event = json.createObjectNode();
      event.put("storyboard_id", board.id());
      event.put("index", index);
      event.put("video_id", videoId);
      event.put("status", job.map(StoryboardHandlers::status).orElse("deleted"));
      event.put("progress", job.map(VideoJob::progress).orElse(0));
      job.ifPresent(shot -> event.put("model", shot.model()));
      client.sendEvent("shot", json.writeValueAsString(event));
    }
    if (!board.status().equals(lastStatus[0])) {
      lastStatus[0] = board.status();
      switch (board.status()) {
        case "stitching" -> client.sendEvent("stitching", json.writeValueAsString(json.createObjectNode().put("storyboard_id", board.id())));
        case "completed" -> {
          client.sendEvent("storyboard.completed", json.writeValueAsString(board(principal, board)));
          return false;
        }
        case "failed" -> {
          client.sendEvent("storyboard.failed", json.writeValueAsString(board(principal, board)));
          return false;
        }
        default -> {}
      }
    }
    return true;
  }

  private BoardRequest request(Principal principal, Context context) {
    JsonNode body = readObject(context);
    JsonNode shotList = body.get("shots");
    if (shotList == null || !shotList.isArray() || shotList.isEmpty()) {
      throw new ApiException(400, "invalid_shots", "shots", "shots must be a non-empty array of {prompt, seconds?, model?, transition?}");
    }
    if (shotList.size() > StoryboardService.MAX_SHOTS) {
      throw new ApiException(400, "invalid_shots", "shots", "a storyboard has 1.." + StoryboardService.MAX_SHOTS + " shots");
    }
    JsonNode shared = body.get("stack");
    List<StackEntryRequest> entries =
        shared == null || shared.isNull() ? List.of() : assets.stackInput(shared).entries();
    JsonNode fps = body.get("frames_per_second");
    if (fps != null && !fps.isNull() && !(fps.isIntegralNumber() && fps.canConvertToInt())) {
      throw new ApiException(400, "invalid_type", "frames_per_second", "frames_per_second must be a whole number");
    }
    JsonNode snap = body.get("snap_to_beats");
    if (snap != null && !snap.isNull() && !snap.isBoolean()) {
      throw new ApiException(400, "invalid_type", "snap_to_beats", "snap_to_beats must be true or false");
    }
    List<StoryboardService.Shot> shots = new ArrayList<>();
    for (int index = 0; index < shotList.size(); index++) {
      JsonNode shot = shotList.get(index);
      String field = "shots[" + index + "]";
      if (!shot.isObject() || !shot.path("prompt").isTextual()) {
        throw new ApiException(400, "invalid_shots", field + ".prompt", field + " needs a prompt string");
      }
      shots.add(
          new StoryboardService.Shot(
              assets.shotStack(principal, shot.path("prompt").asText(), entries),
              seconds(shot, field),
              text(shot, "model", field + ".model"),
              text(shot, "routing_policy", field + ".routing_policy"),
              text(shot, "transition", field + ".transition"),
              number(shot, "crossfade_seconds", field + ".crossfade_seconds")));
    }
    return new BoardRequest(
        shots,
        text(body, "size", "size"),
        fps == null || fps.isNull() ? null : fps.asInt(),
        text(body, "soundtrack_asset_id", "soundtrack_asset_id"),
        snap != null && snap.asBoolean(),
        text(body, "title", "title"));
  }

  /**
   * The board with each shot's status and credits: estimate, held (the shot's part of the board's
   * hold while it renders) and charged; the board's totals are their sums.
   */
  private ObjectNode board(Principal principal, Storyboard board) {
    ObjectNode node = json.createObjectNode();
    node.put("id", board.id());
    node.put("object", "storyboard");
    node.put("status", board.status());
    node.put("created_at", board.createdAt().getEpochSecond());
    node.put("completed_at", board.completedAt() == null ? null : board.completedAt().getEpochSecond());
    long estimated = 0;
    long held = 0;
    long charged = 0;
    ArrayNode shots = node.putArray("shots");
    for (StitchRequest.Part shot : board.shots()) {
      ObjectNode item = shots.addObject();
      item.put("video_id", shot.videoId());
      item.put("transition", shot.transition());
      Optional<VideoJob> found = videos.find(principal, shot.videoId());
      if (found.isEmpty()) {
        item.put("status", "deleted");
        continue;
      }
      VideoJob job = found.get();
      item.put("status", status(job));
      item.put("model", job.model());
      item.put("progress", job.progress());
      item.put("seconds", job.seconds());
      if (job.phase() == VideoPhase.CANCELLED || job.phase() == VideoPhase.FAILED) {
        item.put("error_code", job.errorCode());
      }
      videos.queuedReason(job).ifPresent(reason -> item.put("queued_reason", reason));
      long shotHeld = 0;
      long shotCharged = 0;
      if (job.holdId() != null) {
        item.put("hold_id", job.holdId());
        Optional<Transfer> hold = videos.holdEntry(principal, job.holdId());
        boolean resolved = job.phase().isTerminal();
        shotHeld = hold.isPresent() && !resolved ? hold.get().amountMicros() : 0;
        shotCharged = videos.chargedMicros(principal, job.holdId());
      }
      item.put("estimated_credits", Credits.format(job.estimateMicros()));
      item.put("held_credits", Credits.format(shotHeld));
      item.put("charged_credits", Credits.format(shotCharged));
      estimated += job.estimateMicros();
      held += shotHeld;
      charged += shotCharged;
    }
    ObjectNode credits = node.putObject("credits");
    credits.put("estimated", Credits.format(estimated));
    credits.put("held", Credits.format(held));
    credits.put("charged", Credits.format(charged));
    node.put("stitch_id", board.stitchId());
    if (board.stitchId() != null) {
      String base = "/v1/stitches/" + board.stitchId() + "/content";
      node.put("video_url", base + "?variant=video");
      node.put("edl_url", base + "?variant=edl");
    }
    if (board.errorCode() != null) {
      node.putObject("error").put("code", board.errorCode()).put("message", board.errorMessage());
    } else {
      node.putNull("error");
    }
    return node;
  }

  /** A shot cancelled because its board failed says so (the OpenAI status would say failed). */
  private static String status(VideoJob job) {
    return job.phase() == VideoPhase.CANCELLED ? "cancelled" : job.phase().openAiStatus();
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

  private static @Nullable String text(JsonNode body, String name, String field) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ApiException(400, "invalid_type", field, field + " must be a string");
    }
    return value.asText();
  }

  private static @Nullable String seconds(JsonNode shot, String field) {
    JsonNode value = shot.get("seconds");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual() || (value.isIntegralNumber() && value.canConvertToInt())) {
      return value.asText();
    }
    throw new ApiException(400, "invalid_type", field + ".seconds", field + ".seconds must be a whole number");
  }

  private static @Nullable Double number(JsonNode item, String name, String field) {
    JsonNode value = item.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new ApiException(400, "invalid_type", field, field + " must be a number");
    }
    return value.asDouble();
  }
}
