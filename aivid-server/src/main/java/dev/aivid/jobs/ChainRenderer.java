package dev.aivid.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.jobs.internal.RoutingRepository;
import dev.aivid.media.frames.FrameSampler;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.media.stitch.StitchPlan;
import dev.aivid.media.stitch.StitchSegment;
import dev.aivid.media.stitch.Stitcher;
import dev.aivid.routing.ExtendPlan;
import dev.aivid.routing.ExtendPlanner;
import dev.aivid.storage.BlobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Executes the extend chain of a video longer than its model renders at once ({@link
 * ExtendPlanner}): which segment comes next and how it continues the one before (the model's native
 * extend of its own previous segment, else a render from the previous output's last frame), and the
 * finished segments joined into the one output with hard cuts, trimmed to the ordered length.
 *
 * <p>The chain's state is its segment rows (table {@code video_segments}): the next segment always
 * follows the last completed one, so a node that takes a chain over never renders a finished segment
 * again. After a failover the rest of the chain is planned afresh on the new model, continuing from
 * the last frame of what is finished.
 */
final class ChainRenderer {
  /** The provider of a chain's first segment when it is an existing video that an extension continues. */
  static final String SOURCE_PROVIDER = "source";

  private static final int MAX_FRAMES_PER_SECOND = StitchPlan.MAX_FRAMES_PER_SECOND;

  private final RoutingRepository routing;
  private final Catalog catalog;
  private final BlobStore blobs;

  ChainRenderer(RoutingRepository routing, Catalog catalog, BlobStore blobs) {
    this.routing = routing;
    this.catalog = catalog;
    this.blobs = blobs;
  }

  /** The next segment to render: its index, how it continues, its seconds, and what it continues. */
  record Next(int index, ExtendPlan.Mode method, int seconds, @Nullable ChainSegment previous, int plannedCount) {}

  /** One segment as planned or rendered, for planning and for showing the chain. */
  private record Step(String model, ExtendPlan.Mode method, int seconds) {}

  /**
   * True when the job renders as a chain: longer than its model renders at once, or already begun
   * as one (a chain that failed over to a model that could render the rest at once stays one).
   */
  boolean isChain(VideoJob job) {
    Optional<CatalogModel> model = catalog.find(job.model());
    if (model.isPresent() && ExtendPlanner.chains(model.get(), job.seconds())) {
      return true;
    }
    return job.seconds() > 1 && !routing.segments(job.id()).isEmpty();
  }

  List<ChainSegment> segments(VideoJob job) {
    return routing.segments(job.id());
  }

  /** The completed segments, in order (the chain's finished prefix). */
  static List<ChainSegment> completed(List<ChainSegment> segments) {
    List<ChainSegment> done = new ArrayList<>();
    for (ChainSegment segment : segments) {
      if (!segment.completed()) {
        break;
      }
      done.add(segment);
    }
    return done;
  }

  static int coveredSeconds(List<ChainSegment> completed) {
    return completed.stream().mapToInt(ChainSegment::seconds).sum();
  }

  /** Seconds of the job that an extension took over from its source: neither held nor charged again. */
  int sourceSeconds(VideoJob job) {
    return routing.segments(job.id()).stream()
        .filter(segment -> segment.provider().equals(SOURCE_PROVIDER))
        .mapToInt(ChainSegment::seconds)
        .sum();
  }

  /** The next segment, or empty when the completed segments already cover the video. */
  Optional<Next> next(VideoJob job) {
    CatalogModel model = model(job);
    List<ChainSegment> done = completed(routing.segments(job.id()));
    List<Step> steps = new ArrayList<>(done.stream().map(ChainRenderer::step).toList());
    Step next = next(model, job.seconds(), steps);
    if (next == null) {
      return Optional.empty();
    }
    int planned = planned(model, job.seconds(), steps).size();
    return Optional.of(
        new Next(done.size(), next.method(), next.seconds(), done.isEmpty() ? null : done.getLast(), planned));
  }

  /** Forgets every segment: the joined output failed, and the whole chain renders again elsewhere. */
  void restart(VideoJob job) {
    routing.clearSegments(job.id());
  }

  private static Step step(ChainSegment segment) {
    return new Step(segment.model(), segment.method(), segment.seconds());
  }

  /** The planner's rule, continued from what is done: null when the done steps cover the video. */
  private static @Nullable Step next(CatalogModel model, int totalSeconds, List<Step> done) {
    int covered = done.stream().mapToInt(Step::seconds).sum();
    if (covered >= totalSeconds) {
      return null;
    }
    if (done.isEmpty()) {
      ExtendPlan plan = ExtendPlanner.plan(model, totalSeconds);
      return new Step(model.id(), ExtendPlan.Mode.FIRST, plan.segments().getFirst().seconds());
    }
    boolean nativeExtend =
        model.features().extend().equals("native") && model.features().extendSecondsPerStep() > 0;
    if (nativeExtend && done.getLast().model().equals(model.id())) {
      return new Step(model.id(), ExtendPlan.Mode.NATIVE_EXTEND, model.features().extendSecondsPerStep());
    }
    return new Step(
        model.id(), ExtendPlan.Mode.LAST_FRAME, ExtendPlanner.continuationSeconds(model, totalSeconds - covered));
  }

  /** The done steps followed by the ones still planned on the model. */
  private static List<Step> planned(CatalogModel model, int totalSeconds, List<Step> done) {
    List<Step> all = new ArrayList<>(done);
    for (Step step = next(model, totalSeconds, all); step != null; step = next(model, totalSeconds, all)) {
      all.add(step);
    }
    return all;
  }

  /** Overall progress 1..90 while segment {@code index} of the chain is {@code percent} done. */
  int progress(VideoJob job, int percent) {
    List<ChainSegment> segments = routing.segments(job.id());
    int covered = coveredSeconds(completed(segments));
    int current =
        segments.stream()
            .filter(segment -> !segment.completed() && segment.providerHandle().equals(job.providerHandle()))
            .mapToInt(ChainSegment::seconds)
            .findFirst()
            .orElse(0);
    double done = Math.min(job.seconds(), covered + current * percent / 100.0);
    return 1 + (int) (done * 89 / job.seconds());
  }

  /**
   * The last frame of a finished segment's output as a JPEG at the video's size: the next segment's
   * first frame. Cut out as a one-frame clip and sampled, both in-process through FFmpeg.
   */
  byte[] lastFrame(ChainSegment segment, VideoJob job) {
    Path video = blobs.path(requireOutput(segment));
    VideoInfo info = VideoProbe.probe(video);
    int framesPerSecond = framesPerSecond(info);
    double end = info.durationSeconds();
    double start = Math.max(0, end - 1.0 / framesPerSecond);
    return still(video, "last frame", start, end, framesPerSecond, job.width(), job.height());
  }

  /** The first frame of a video as a JPEG at {@code size}: an edit's starting image for the local engine. */
  byte[] firstFrame(Path video, dev.aivid.catalog.VideoSize size) {
    VideoInfo info = VideoProbe.probe(video);
    int framesPerSecond = framesPerSecond(info);
    return still(video, "first frame", 0, Math.min(info.durationSeconds(), 1.0 / framesPerSecond), framesPerSecond, size.width(), size.height());
  }

  private byte[] still(Path video, String label, double start, double end, int framesPerSecond, int width, int height) {
    Path still = blobs.temporaryFile(".mp4");
    try {
      Stitcher.stitch(
          StitchPlan.of(width, height, framesPerSecond, List.of(StitchSegment.cut(video, label, "source", start, end))),
          still);
      return FrameSampler.thumbnailJpeg(still, width);
    } finally {
      BlobStore.deleteQuietly(still);
    }
  }

  /**
   * The finished segments joined with hard cuts at the video's size and the first segment's rate,
   * their own sound kept, cut at the ordered length. A native extension's output already holds the
   * segment it extends, so it takes that segment's place.
   */
  Path join(VideoJob job, List<ChainSegment> completed) {
    List<ChainSegment> pieces = new ArrayList<>();
    for (ChainSegment segment : completed) {
      if (segment.method() == ExtendPlan.Mode.NATIVE_EXTEND && !pieces.isEmpty()) {
        pieces.set(pieces.size() - 1, segment);
      } else {
        pieces.add(segment);
      }
    }
    List<VideoInfo> infos = pieces.stream().map(piece -> VideoProbe.probe(blobs.path(requireOutput(piece)))).toList();
    int framesPerSecond = framesPerSecond(infos.getFirst());
    StitchPlan.Builder plan = StitchPlan.builder(job.width(), job.height(), framesPerSecond);
    double remaining = job.seconds();
    for (int index = 0; index < pieces.size() && remaining >= 1.0 / framesPerSecond; index++) {
      ChainSegment piece = pieces.get(index);
      double take = Math.min(infos.get(index).durationSeconds(), remaining);
      plan.segment(
          StitchSegment.cut(
                  blobs.path(requireOutput(piece)), "segment " + (piece.index() + 1), piece.model(), 0, take)
              .withAudioGainDb(0.0));
      remaining -= take;
    }
    Path out = blobs.temporaryFile(".mp4");
    Stitcher.stitch(plan.build(), out);
    return out;
  }

  /** The chain as the routing record shows it: done, running and planned segments. */
  @Nullable ObjectNode describe(VideoJob job, ObjectMapper json) {
    if (!isChain(job)) {
      return null;
    }
    List<ChainSegment> segments = routing.segments(job.id());
    List<ChainSegment> done = completed(segments);
    ObjectNode chain = json.createObjectNode();
    chain.put("total_seconds", job.seconds());
    catalog.find(job.model()).ifPresent(model -> chain.put("segment_seconds_limit", ExtendPlanner.segmentLimit(model)));
    ArrayNode items = chain.putArray("segments");
    for (ChainSegment segment : segments) {
      ObjectNode item = items.addObject();
      item.put("index", segment.index());
      item.put("model", segment.model());
      item.put("method", segment.methodName());
      item.put("seconds", segment.seconds());
      item.put("status", segment.completed() ? "completed" : job.phase().isTerminal() ? "abandoned" : "in_progress");
      item.put("provider_handle", segment.providerHandle());
    }
    Optional<CatalogModel> model = catalog.find(job.model());
    if (model.isPresent() && !job.phase().isTerminal()) {
      List<Step> steps = new ArrayList<>(done.stream().map(ChainRenderer::step).toList());
      List<Step> all = planned(model.get(), job.seconds(), steps);
      for (int index = segments.size(); index < all.size(); index++) {
        Step step = all.get(index);
        ObjectNode item = items.addObject();
        item.put("index", index);
        item.put("model", step.model());
        item.put("method", step.method().name().toLowerCase(java.util.Locale.ROOT));
        item.put("seconds", step.seconds());
        item.put("status", "planned");
      }
    }
    chain.put("rendered_seconds", coveredSeconds(done));
    return chain;
  }

  private CatalogModel model(VideoJob job) {
    return catalog
        .find(job.model())
        .orElseThrow(() -> new IllegalStateException("chain of " + job.id() + " is on unknown model " + job.model()));
  }

  private static String requireOutput(ChainSegment segment) {
    if (segment.videoSha256() == null) {
      throw new IllegalStateException("segment " + segment.index() + " has no output yet");
    }
    return segment.videoSha256();
  }

  private static int framesPerSecond(VideoInfo info) {
    int rounded = (int) Math.round(info.framesPerSecond());
    return Math.max(1, Math.min(MAX_FRAMES_PER_SECOND, rounded == 0 ? 24 : rounded));
  }
}
