package dev.aivid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.Principal;
import dev.aivid.api.internal.IdempotentRequests;
import dev.aivid.api.internal.Responses;
import dev.aivid.api.internal.VideoRequestParser;
import dev.aivid.api.internal.VideoSourceRequestParser;
import dev.aivid.jobs.VideoCharacter;
import dev.aivid.jobs.VideoException;
import dev.aivid.jobs.VideoJob;
import dev.aivid.jobs.VideoService;
import dev.aivid.jobs.VideoSource;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The OpenAI-compatible video extensions, edits and characters. An extension or edit answers with
 * the new video object (held credits and routing in headers, as POST /v1/videos), and names in
 * {@code x-aivid-dropped-controls} what the chosen model could not take (never dropped silently).
 */
final class VideoDerivativeHandlers {
  /** Writes a just-created video with the headers of POST /v1/videos. */
  interface VideoWriter {
    void write(Context context, Principal principal, VideoJob job);
  }

  private final VideoService videos;
  private final VideoSourceRequestParser parser;
  private final IdempotentRequests idempotent;
  private final Responses responses;
  private final ObjectMapper json;
  private final Function<Context, Principal> principals;
  private final VideoWriter writer;

  VideoDerivativeHandlers(
      VideoService videos,
      VideoSourceRequestParser parser,
      IdempotentRequests idempotent,
      Responses responses,
      ObjectMapper json,
      Function<Context, Principal> principals,
      VideoWriter writer) {
    this.videos = videos;
    this.parser = parser;
    this.idempotent = idempotent;
    this.responses = responses;
    this.json = json;
    this.principals = principals;
    this.writer = writer;
  }

  void extend(Context context) {
    Principal principal = principals.apply(context);
    VideoSourceRequestParser.Fields fields = parser.parse(context);
    VideoSource source = requireVideo(fields);
    idempotent.run(
        context,
        principal,
        VideoRequestParser.fingerprint(context),
        () -> created(context, principal, videos.extend(principal, source, fields.get("prompt"), fields.get("seconds"))));
  }

  void edit(Context context) {
    Principal principal = principals.apply(context);
    VideoSourceRequestParser.Fields fields = parser.parse(context);
    VideoSource source = requireVideo(fields);
    idempotent.run(
        context,
        principal,
        VideoRequestParser.fingerprint(context),
        () -> created(context, principal, videos.edit(principal, source, fields.get("prompt"))));
  }

  void createCharacter(Context context) {
    Principal principal = principals.apply(context);
    VideoSourceRequestParser.Fields fields = parser.parse(context);
    if (fields.video() instanceof VideoSource.Existing) {
      throw VideoException.invalid("video", "invalid_video", "video must be an uploaded video file");
    }
    idempotent.run(
        context,
        principal,
        VideoRequestParser.fingerprint(context),
        () ->
            responses.json(
                context, 200, character(videos.characters().create(principal, fields.get("name"), fields.videoFile()))));
  }

  void getCharacter(Context context) {
    responses.json(
        context, 200, character(videos.characters().get(principals.apply(context), context.pathParam("character_id"))));
  }

  private void created(Context context, Principal principal, VideoJob job) {
    List<String> dropped = new ArrayList<>();
    videos
        .routing(principal, job.id())
        .ifPresent(
            record -> {
              for (JsonNode control : record.verdicts()) {
                if (control.path("fidelity").asText().equals("dropped")) {
                  dropped.add(control.path("control").asText());
                }
              }
            });
    if (!dropped.isEmpty()) {
      context.header("x-aivid-dropped-controls", String.join(", ", dropped));
    }
    writer.write(context, principal, job);
  }

  private static VideoSource requireVideo(VideoSourceRequestParser.Fields fields) {
    if (fields.video() == null) {
      throw VideoException.invalid(
          "video", "missing_video", "video is required: {\"id\": \"video_...\"} of a completed video, or a file");
    }
    return fields.video();
  }

  private ObjectNode character(VideoCharacter character) {
    ObjectNode node = json.createObjectNode();
    node.put("id", character.id());
    node.put("object", "video.character");
    node.put("created_at", character.createdAt().getEpochSecond());
    node.put("name", character.name());
    return node;
  }
}
