package dev.aivid.media.stitch;

import dev.aivid.media.internal.PartialFiles;
import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import dev.aivid.media.previz.RenderProgress;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.media.sound.AudioMuxer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins the segments of a {@link StitchPlan} into one H.264 MP4, in-process: each source decoded with FFmpeg,
 * letterboxed to the board, resampled to the board's rate, crossfaded, encoded once; then the mixed sound muxed in.
 * Thread-safe; each call uses its own decoders and encoder.
 */
public final class Stitcher {

  private Stitcher() {}

  /** {@link #stitch(StitchPlan, Path, RenderProgress)} without progress reports. */
  public static StitchResult stitch(StitchPlan plan, Path out) {
    return stitch(plan, out, (done, total) -> {});
  }

  /**
   * Writes the film to {@code out} (complete or not at all) and returns its timeline and edit decision list.
   * Deterministic for a plan and its files. Honours interruption between frames.
   *
   * @param progress told after each encoded frame, on the calling thread
   * @throws MediaException {@link StitchErrorCodes#SEGMENT_UNREADABLE}, {@link StitchErrorCodes#SEGMENT_OUT_OF_RANGE},
   *     {@link StitchErrorCodes#ENCODE_FAILED}, {@link StitchErrorCodes#CANCELLED} (interrupt flag left set), or the
   *     codes of {@link AudioMuxer#mux} while adding the sound
   */
  public static StitchResult stitch(StitchPlan plan, Path out, RenderProgress progress) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(progress, "progress");
    FFmpegLibraries.ensureLoaded();
    List<VideoInfo> sources = probeAll(plan);
    List<Double> durations = sources.stream().map(VideoInfo::durationSeconds).toList();
    StitchTimeline timeline = StitchTimeline.place(plan, durations);
    Path partial = PartialFiles.beside(out, ".partial.mp4");
    boolean hasAudio;
    try {
      encodeVideo(timeline, partial, progress);
      throwIfInterrupted();
      float[] sound = SoundMix.mix(timeline, sources.stream().map(VideoInfo::hasAudio).toList(), durations);
      hasAudio = sound != null;
      if (sound != null) {
        AudioMuxer.mux(partial, sound, SoundMix.sampleRate(plan), timeline.durationSeconds(), out);
      } else {
        PartialFiles.moveIntoPlace(partial, out, StitchErrorCodes.ENCODE_FAILED, "stitched film");
      }
    } finally {
      // The video-only intermediate: already moved, muxed from, or abandoned.
      PartialFiles.deleteQuietly(partial);
    }
    List<StitchCut> cuts = timeline.cuts();
    return new StitchResult(timeline.durationSeconds(), timeline.frameCount(), plan.framesPerSecond(),
        timeline.edlEvents(), cuts.stream().map(StitchCut::seconds).toList(), cuts, hasAudio);
  }

  /** The timeline and EDL the plan would produce, from the sources' declared lengths; nothing is decoded. */
  public static StitchTimeline timeline(StitchPlan plan) {
    Objects.requireNonNull(plan, "plan");
    FFmpegLibraries.ensureLoaded();
    return StitchTimeline.place(plan, probeAll(plan).stream().map(VideoInfo::durationSeconds).toList());
  }

  private static List<VideoInfo> probeAll(StitchPlan plan) {
    var sources = new ArrayList<VideoInfo>(plan.segments().size());
    for (StitchSegment segment : plan.segments()) {
      try {
        sources.add(VideoProbe.probe(segment.video()));
      } catch (MediaException failure) {
        throw new MediaException(StitchErrorCodes.SEGMENT_UNREADABLE,
            "segment " + segment.label() + ": " + failure.getMessage(), failure);
      }
    }
    return sources;
  }

  /** Output frame k: the newest segment started by k, blended with the previous one while their overlap lasts. */
  private static void encodeVideo(StitchTimeline timeline, Path file, RenderProgress progress) {
    StitchPlan plan = timeline.plan();
    int fps = plan.framesPerSecond();
    List<PlacedSegment> placed = timeline.segments();
    var readers = new SegmentFrames[placed.size()];
    var blended = new int[plan.width() * plan.height()];
    int total = timeline.frameCount();
    try (StitchEncoder encoder = StitchEncoder.open(plan, file)) {
      int current = 0;
      for (int frame = 0; frame < total; frame++) {
        throwIfInterrupted();
        while (current + 1 < placed.size() && placed.get(current + 1).startFrame() <= frame) {
          current++;
        }
        PlacedSegment incoming = placed.get(current);
        int[] picture = open(readers, current, timeline)
            .frameAt(incoming.sourceSecondsAt(frame - incoming.startFrame(), fps));
        if (current > 0 && frame < placed.get(current - 1).endFrame()) {
          PlacedSegment outgoing = placed.get(current - 1);
          int[] under = open(readers, current - 1, timeline)
              .frameAt(outgoing.sourceSecondsAt(frame - outgoing.startFrame(), fps));
          double weight = (frame - incoming.startFrame() + 1) / (double) (incoming.overlapInFrames() + 1);
          blend(under, picture, weight, blended);
          picture = blended;
        }
        encoder.write(picture);
        closeFinished(readers, placed, frame + 1);
        progress.onFrame(frame + 1, total);
      }
      encoder.finish();
    } finally {
      for (SegmentFrames reader : readers) {
        if (reader != null) {
          reader.close();
        }
      }
    }
  }

  private static SegmentFrames open(SegmentFrames[] readers, int index, StitchTimeline timeline) {
    if (readers[index] == null) {
      StitchPlan plan = timeline.plan();
      StitchSegment segment = plan.segments().get(index);
      readers[index] = SegmentFrames.open(segment.video(), segment.label(), plan.width(), plan.height(),
          segment.inSeconds());
    }
    return readers[index];
  }

  /** Decoders of segments that have shown their last frame are released early: a long film opens one or two at once. */
  private static void closeFinished(SegmentFrames[] readers, List<PlacedSegment> placed, int nextFrame) {
    for (int index = 0; index < readers.length; index++) {
      if (readers[index] != null && placed.get(index).endFrame() <= nextFrame) {
        readers[index].close();
        readers[index] = null;
      }
    }
  }

  /** {@code (1 − weight) · outgoing + weight · incoming} per 8-bit channel, rounded. */
  static void blend(int[] outgoing, int[] incoming, double weight, int[] target) {
    int in = (int) Math.round(weight * 256);
    int out = 256 - in;
    for (int index = 0; index < target.length; index++) {
      int a = outgoing[index];
      int b = incoming[index];
      int red = (((a >> 16) & 0xff) * out + ((b >> 16) & 0xff) * in + 128) >> 8;
      int green = (((a >> 8) & 0xff) * out + ((b >> 8) & 0xff) * in + 128) >> 8;
      int blue = ((a & 0xff) * out + (b & 0xff) * in + 128) >> 8;
      target[index] = (red << 16) | (green << 8) | blue;
    }
  }

  private static void throwIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new MediaException(StitchErrorCodes.CANCELLED, "stitching was interrupted");
    }
  }


}
