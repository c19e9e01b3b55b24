package dev.aivid.media.sound;

import dev.aivid.media.bvh.BvhAnalysis;
import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhLanding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Foot landings of a BVH clip on the frame grid of the video rendered from it. */
public final class LandingHits {

  /**
   * A landing this close after a frame boundary (in output frames) still counts as on it: BVH files write the frame
   * time with six or seven digits (0.033333 for 30 fps), which would otherwise push an exact landing a frame late.
   */
  private static final double FRAME_TOLERANCE = 0.05;

  private LandingHits() {}

  /**
   * Every landing {@link BvhAnalysis#of(BvhClip)} finds (default {@link dev.aivid.media.bvh.LandingThresholds}), one
   * per foot, ordered by frame then foot as there. A landing at source time {@code t} goes to output frame
   * {@code ceil(t · fps)}: the first frame of {@link BvhClip#framesAt(double)} whose pose is at or after the moment of
   * contact, so the sound never comes before the picture shows the foot down (viewers notice sound that leads the
   * picture sooner than sound that lags it; ITU-R BT.1359 detectability: about 45 ms leading, 125 ms lagging). The
   * frame is at most the clip's last output frame.
   *
   * @param outputFramesPerSecond the video's frame rate, above 0 and at most {@link BvhClip#MAX_FRAMES_PER_SECOND}
   */
  public static List<LandingHit> fromBvh(BvhClip clip, double outputFramesPerSecond) {
    Objects.requireNonNull(clip, "clip");
    if (!(outputFramesPerSecond > 0 && outputFramesPerSecond <= BvhClip.MAX_FRAMES_PER_SECOND)) {
      throw new IllegalArgumentException("outputFramesPerSecond must be within (0, "
          + BvhClip.MAX_FRAMES_PER_SECOND + "], was " + outputFramesPerSecond);
    }
    // The same frame count as BvhClip.framesAt, so the hits index the frames a renderer draws.
    long outputFrameCount = Math.max(1, Math.round(clip.motion().durationSeconds() * outputFramesPerSecond));
    var hits = new ArrayList<LandingHit>();
    for (BvhLanding landing : BvhAnalysis.of(clip).landings()) {
      double position = landing.timeSeconds() * outputFramesPerSecond;
      long frame = Math.min((long) Math.ceil(position - FRAME_TOLERANCE), outputFrameCount - 1);
      int outputFrame = (int) Math.max(0, frame);
      hits.add(new LandingHit(outputFrame, outputFrame / outputFramesPerSecond, landing.jointName()));
    }
    return List.copyOf(hits);
  }

  /** The distinct onset times of {@code hits}, ascending: what {@link FoleyTrack#mix} takes. */
  public static List<Double> times(List<LandingHit> hits) {
    return hits.stream().map(LandingHit::timeSeconds).distinct().sorted().toList();
  }
}
