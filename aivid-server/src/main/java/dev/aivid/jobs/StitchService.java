package dev.aivid.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.Principal;
import dev.aivid.assets.Asset;
import dev.aivid.assets.AssetService;
import dev.aivid.catalog.VideoSize;
import dev.aivid.jobs.internal.StitchRepository;
import dev.aivid.media.MediaException;
import dev.aivid.media.audio.AudioDecoder;
import dev.aivid.media.audio.DecodedAudio;
import dev.aivid.media.beats.BeatTrack;
import dev.aivid.media.detect.ContentType;
import dev.aivid.media.stitch.StitchCut;
import dev.aivid.media.stitch.StitchPlan;
import dev.aivid.media.stitch.StitchResult;
import dev.aivid.media.stitch.StitchSegment;
import dev.aivid.media.stitch.Stitcher;
import dev.aivid.media.stitch.Transition;
import dev.aivid.storage.Blob;
import dev.aivid.storage.BlobStore;
import dev.aivid.support.Ids;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stitches an organisation's completed videos into one H.264 cut with its edit decision list
 * (which model made which seconds), cut points snapped to a soundtrack's beats when asked. Runs
 * while the caller waits (stitching is ~60–100× real time at preview sizes); never charged.
 */
public final class StitchService {
  public static final int MAX_PARTS = 50;
  public static final int MAX_EDGE_PIXELS = 1920;

  private final VideoService videos;
  private final AssetService assets;
  private final BlobStore blobs;
  private final StitchRepository repository;
  private final ObjectMapper json;
  private final Ids ids;
  private final InstantSource clock;

  public StitchService(
      VideoService videos, AssetService assets, BlobStore blobs, StitchRepository repository, ObjectMapper json, Ids ids, InstantSource clock) {
    this.videos = videos;
    this.assets = assets;
    this.blobs = blobs;
    this.repository = repository;
    this.json = json;
    this.ids = ids;
    this.clock = clock;
  }

  public StitchedCut stitch(Principal principal, StitchRequest request) {
    if (request.parts().isEmpty() || request.parts().size() > MAX_PARTS) {
      throw VideoException.invalid("segments", "invalid_segments", "segments must list 1.." + MAX_PARTS + " completed videos");
    }
    List<StitchSegment> segments = new ArrayList<>();
    VideoJob first = null;
    for (int index = 0; index < request.parts().size(); index++) {
      StitchRequest.Part part = request.parts().get(index);
      String field = "segments[" + index + "]";
      VideoJob job = videos.get(principal, part.videoId());
      if (job.phase() != VideoPhase.COMPLETED || job.videoSha256() == null) {
        throw new VideoException(VideoException.Kind.CONFLICT, "video_not_completed", field + ".video_id", "Video '" + part.videoId() + "' is " + job.phase().openAiStatus() + "; only completed videos can be stitched");
      }
      first = first == null ? job : first;
      double in = part.inSeconds() == null ? 0 : part.inSeconds();
      double out = part.outSeconds() == null ? job.seconds() : part.outSeconds();
      if (!(in >= 0 && out > in && out <= job.seconds() + 1)) {
        throw VideoException.invalid(field, "invalid_trim", "in_seconds/out_seconds must satisfy 0 <= in < out <= the video's " + job.seconds() + " s");
      }
      segments.add(new StitchSegment(blobs.path(job.videoSha256()), job.id(), job.model(), in, out, transition(part, field), null));
    }
    VideoSize size = size(request.size(), new VideoSize(first.width(), first.height()));
    int fps = request.framesPerSecond() == null ? 24 : request.framesPerSecond();
    if (fps < 1 || fps > 60) {
      throw VideoException.invalid("frames_per_second", "invalid_frames_per_second", "frames_per_second must be 1..60");
    }
    StitchPlan.Builder plan = StitchPlan.builder(size.width(), size.height(), fps).segments(segments);
    List<Double> beats = List.of();
    if (request.soundtrackAssetId() != null) {
      Asset asset = assets.get(principal.organizationId(), request.soundtrackAssetId());
      if (asset.contentType().family() != ContentType.Family.AUDIO) {
        throw VideoException.invalid("soundtrack_asset_id", "not_audio", "The soundtrack must be an audio asset");
      }
      Path file = assets.content(asset);
      DecodedAudio music = AudioDecoder.decode(file, 48_000);
      plan.soundtrack(music);
      if (request.snapToBeats() || request.parts().stream().anyMatch(part -> "match_on_beat".equals(part.transition()))) {
        double[] found = BeatTrack.track(AudioDecoder.decode(file, BeatTrack.SAMPLE_RATE)).beatTimesSeconds();
        beats = java.util.Arrays.stream(found).boxed().toList();
        plan.beats(beats, request.snapToBeats());
      }
    } else if (request.snapToBeats()) {
      throw VideoException.invalid("snap_to_beats", "soundtrack_required", "snap_to_beats needs soundtrack_asset_id");
    }
    Path out = blobs.temporaryFile(".mp4");
    StitchResult result;
    try {
      result = Stitcher.stitch(plan.build(), out);
    } catch (MediaException e) {
      BlobStore.deleteQuietly(out);
      throw VideoException.invalid("segments", e.code(), "The videos cannot be stitched: " + e.getMessage());
    }
    Blob video = blobs.putFile(out, "video/mp4");
    String title = request.title() == null || request.title().isBlank() ? "AIVID CUT" : request.title().strip();
    StitchedCut cut =
        new StitchedCut(ids.hex("stitch", 24), principal.organizationId(), video.sha256(), result.edlCmx3600(title), summary(result, size, fps, beats), clock.instant());
    repository.insert(cut);
    return cut;
  }

  public StitchedCut get(Principal principal, String id) {
    return repository
        .find(principal.organizationId(), id)
        .orElseThrow(() -> new VideoException(VideoException.Kind.NOT_FOUND, "stitch_not_found", "stitch_id", "No stitch '" + id + "'"));
  }

  public Blob video(StitchedCut cut) {
    return blobs.find(cut.videoSha256()).orElseThrow();
  }

  private ObjectNode summary(StitchResult result, VideoSize size, int fps, List<Double> beats) {
    ObjectNode summary = json.createObjectNode();
    summary.put("size", size.toString());
    summary.put("frames_per_second", fps);
    summary.put("duration_seconds", result.durationSeconds());
    summary.put("frame_count", result.frameCount());
    summary.put("has_audio", result.hasAudio());
    ArrayNode cuts = summary.putArray("cuts");
    for (StitchCut cut : result.cuts()) {
      ObjectNode item = cuts.addObject();
      item.put("segment", cut.segment());
      item.put("frame", cut.frame());
      item.put("planned_frame", cut.plannedFrame());
      item.put("seconds", cut.seconds());
      if (cut.beatSeconds() == null) {
        item.putNull("beat_seconds");
      } else {
        item.put("beat_seconds", cut.beatSeconds());
      }
      item.put("snap", cut.snap().name().toLowerCase(java.util.Locale.ROOT));
    }
    ArrayNode beatList = summary.putArray("beats");
    beats.forEach(beatList::add);
    try {
      summary.set("edl", json.readTree(result.edlJson()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the EDL JSON is always valid", e);
    }
    summary.put("charged", "0");
    return summary;
  }

  private static Transition transition(StitchRequest.Part part, String field) {
    String name = part.transition() == null ? "cut" : part.transition();
    return switch (name) {
      case "cut" -> Transition.CUT;
      case "match_on_beat" -> Transition.MATCH_ON_BEAT;
      case "crossfade" -> {
        double seconds = part.crossfadeSeconds() == null ? 0.5 : part.crossfadeSeconds();
        if (!(seconds > 0 && seconds <= Transition.MAX_CROSSFADE_SECONDS)) {
          throw VideoException.invalid(field + ".crossfade_seconds", "invalid_crossfade", "crossfade_seconds must be in (0, 10]");
        }
        yield Transition.crossfade(seconds);
      }
      default -> throw VideoException.invalid(field + ".transition", "invalid_transition", "transition must be cut, crossfade or match_on_beat");
    };
  }

  private static VideoSize size(@Nullable String text, VideoSize fallback) {
    if (text == null) {
      return fallback;
    }
    VideoSize size =
        VideoSize.parse(text).orElseThrow(() -> VideoException.invalid("size", "invalid_size", "size must look like 1280x720"));
    if (size.width() < 16 || size.height() < 16 || size.width() > MAX_EDGE_PIXELS || size.height() > MAX_EDGE_PIXELS
        || size.width() % 2 != 0 || size.height() % 2 != 0) {
      throw VideoException.invalid("size", "invalid_size", "a stitch is 16.." + MAX_EDGE_PIXELS + " px per even edge");
    }
    return size;
  }
}
