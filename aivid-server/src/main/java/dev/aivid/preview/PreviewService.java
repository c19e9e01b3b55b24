package dev.aivid.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.catalog.VideoSize;
import dev.aivid.media.MediaException;
import dev.aivid.media.frames.FrameSampler;
import dev.aivid.preview.internal.PreviewRepository;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import dev.aivid.providers.local.LocalPrevizProvider;
import dev.aivid.providers.local.PreviewRender;
import dev.aivid.routing.ShotPlan;
import dev.aivid.routing.ShotPlanner;
import dev.aivid.stack.Stack;
import dev.aivid.stack.StackEntry;
import dev.aivid.assets.StackKind;
import dev.aivid.storage.Blob;
import dev.aivid.storage.BlobStore;
import dev.aivid.support.Ids;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders previews of a stack with the local engine while the caller waits. A preview is small by
 * design (at most 10 s, 1280 px, 30 fps) and never touches the ledger.
 */
public final class PreviewService {
  public static final int DEFAULT_SECONDS = 2;
  public static final int MAX_SECONDS = 10;
  public static final VideoSize DEFAULT_SIZE = new VideoSize(320, 180);
  public static final int MAX_EDGE_PIXELS = 1280;
  public static final int DEFAULT_FRAMES_PER_SECOND = 12;
  public static final int MAX_FRAMES_PER_SECOND = 30;

  private final LocalPrevizProvider local;
  private final BlobStore blobs;
  private final PreviewRepository repository;
  private final ObjectMapper json;
  private final Ids ids;
  private final InstantSource clock;

  public PreviewService(
      LocalPrevizProvider local, BlobStore blobs, PreviewRepository repository, ObjectMapper json, Ids ids, InstantSource clock) {
    this.local = local;
    this.blobs = blobs;
    this.repository = repository;
    this.json = json;
    this.ids = ids;
    this.clock = clock;
  }

  public Preview create(
      String organizationId, Stack stack, @Nullable String secondsText, @Nullable String sizeText, @Nullable Integer framesPerSecond) {
    int seconds = seconds(secondsText);
    VideoSize size = size(sizeText);
    int fps = framesPerSecond == null ? DEFAULT_FRAMES_PER_SECOND : framesPerSecond;
    if (fps < 1 || fps > MAX_FRAMES_PER_SECOND) {
      throw new PreviewException(
          PreviewException.Kind.INVALID, "invalid_frames_per_second", "frames_per_second", "frames_per_second must be 1.." + MAX_FRAMES_PER_SECOND);
    }
    ShotPlan plan = ShotPlanner.plan(stack, seconds, size, asset -> blobs.path(asset.sha256()));
    List<ShotReference> references = new ArrayList<>();
    for (ShotPlan.PlannedReference planned : plan.references()) {
      references.add(
          ShotReference.of(planned.mention(), planned.kind(), planned.role(), planned.mediaType(), planned.sha256(), blobs.read(planned.sha256())));
    }
    RenderRequest request =
        new RenderRequest(
            "local/previz",
            "local/previz",
            stack.prompt().isBlank() ? "preview" : stack.prompt(),
            size.width(),
            size.height(),
            seconds,
            seed(stack),
            null,
            new ShotControls(references, plan.negativePrompt(), (double) fps, plan.camera(), plan.seedRequested()));
    Path video = blobs.temporaryFile(".mp4");
    PreviewRender render;
    byte[] poster;
    byte[] sheet;
    try {
      render = local.preview(request, video);
      poster = FrameSampler.thumbnailJpeg(video, size.width());
      sheet = FrameSampler.spritesheetJpeg(video, 4, 3, Math.min(160, size.width()));
    } catch (MediaException e) {
      BlobStore.deleteQuietly(video);
      throw new PreviewException(PreviewException.Kind.UNPROCESSABLE, e.code(), "stack", "The stack cannot be previewed: " + e.getMessage());
    }
    Blob videoBlob = blobs.putFile(video, "video/mp4");
    Blob posterBlob = blobs.put(poster, "image/jpeg");
    Blob sheetBlob = blobs.put(sheet, "image/jpeg");
    Preview preview =
        new Preview(
            ids.hex("preview", 24),
            organizationId,
            videoBlob.sha256(),
            posterBlob.sha256(),
            sheetBlob.sha256(),
            summary(size, seconds, fps, render),
            clock.instant());
    repository.insert(preview);
    return preview;
  }

  public Preview get(String organizationId, String id) {
    return repository
        .find(organizationId, id)
        .orElseThrow(() -> new PreviewException(PreviewException.Kind.NOT_FOUND, "preview_not_found", "preview_id", "No preview '" + id + "'"));
  }

  public Blob content(String organizationId, String id, @Nullable String variant) {
    Preview preview = get(organizationId, id);
    String sha256 =
        switch (variant == null ? "video" : variant) {
          case "video" -> preview.videoSha256();
          case "poster" -> preview.posterSha256();
          case "contact_sheet" -> preview.contactSheetSha256();
          default ->
              throw new PreviewException(
                  PreviewException.Kind.INVALID, "invalid_variant", "variant", "variant must be video, poster or contact_sheet");
        };
    return blobs.find(sha256).orElseThrow(() -> new PreviewException(PreviewException.Kind.NOT_FOUND, "preview_not_found", "preview_id", "No preview '" + id + "'"));
  }

  private ObjectNode summary(VideoSize size, int seconds, int fps, PreviewRender render) {
    ObjectNode summary = json.createObjectNode();
    summary.put("seconds", seconds);
    summary.put("size", size.toString());
    summary.put("frames_per_second", fps);
    summary.put("frame_count", render.frameCount());
    summary.put("prepare_millis", Math.round(render.prepareMillis() * 10) / 10.0);
    summary.put("first_frame_millis", Math.round(render.firstFrameMillis() * 10) / 10.0);
    summary.put("render_millis", Math.round(render.totalMillis() * 10) / 10.0);
    ArrayNode beats = summary.putArray("beats");
    render.beatSeconds().forEach(beat -> beats.add(Math.round(beat * 1000) / 1000.0));
    ArrayNode landings = summary.putArray("foley_frames");
    render.landingFrames().forEach(landings::add);
    ArrayNode controls = summary.putArray("controls");
    for (ControlVerdict verdict : render.verdicts()) {
      controls.addObject().put("control", verdict.control()).put("fidelity", verdict.fidelity().wireName()).put("detail", verdict.detail());
    }
    summary.put("charged", "0");
    return summary;
  }

  private static int seconds(@Nullable String text) {
    if (text == null) {
      return DEFAULT_SECONDS;
    }
    try {
      int seconds = Integer.parseInt(text.strip());
      if (seconds >= 1 && seconds <= MAX_SECONDS) {
        return seconds;
      }
    } catch (NumberFormatException ignored) {
      // Answered below, with the field named.
    }
    throw new PreviewException(PreviewException.Kind.INVALID, "invalid_seconds", "seconds", "a preview lasts 1.." + MAX_SECONDS + " whole seconds, got '" + text + "'");
  }

  private static VideoSize size(@Nullable String text) {
    if (text == null) {
      return DEFAULT_SIZE;
    }
    VideoSize size =
        VideoSize.parse(text)
            .orElseThrow(() -> new PreviewException(PreviewException.Kind.INVALID, "invalid_size", "size", "size must look like 320x180, got '" + text + "'"));
    if (size.width() < 16 || size.height() < 16 || size.width() > MAX_EDGE_PIXELS || size.height() > MAX_EDGE_PIXELS
        || size.width() % 2 != 0 || size.height() % 2 != 0) {
      throw new PreviewException(
          PreviewException.Kind.INVALID, "invalid_size", "size", "a preview is 16.." + MAX_EDGE_PIXELS + " px per even edge, got " + size);
    }
    return size;
  }

  private static long seed(Stack stack) {
    for (StackEntry entry : stack.entries()) {
      if (entry.kind() == StackKind.SEED && entry.value() != null) {
        return entry.value().longValue();
      }
    }
    return stack.prompt().hashCode();
  }
}
