package dev.aivid.media.bvh;

import dev.aivid.media.MediaException;

/** Retimes a clip; see {@link BvhClip#framesAt(double)} and {@link BvhFrames}. */
final class Resampler {

  private Resampler() {}

  static BvhFrames framesAt(BvhClip clip, double framesPerSecond) {
    if (!(framesPerSecond > 0 && framesPerSecond <= BvhClip.MAX_FRAMES_PER_SECOND)) {
      throw new IllegalArgumentException(
          "framesPerSecond must be within (0, " + BvhClip.MAX_FRAMES_PER_SECOND + "], was " + framesPerSecond);
    }
    BvhMotion motion = clip.motion();
    int sourceFrames = motion.frameCount();
    int channelCount = motion.channelCount();
    int pointCount = clip.skeleton().pointCount();
    long frameCount = sourceFrames == 0 ? 0 : Math.max(1, Math.round(motion.durationSeconds() * framesPerSecond));
    long floats = frameCount * (channelCount + 3L * pointCount);
    if (frameCount > BvhParser.MAX_FRAMES || floats > BvhClip.MAX_RESAMPLED_VALUES) {
      throw new MediaException(BvhErrorCodes.RESAMPLE_TOO_LARGE, "retiming " + motion.durationSeconds() + " s to "
          + framesPerSecond + " fps needs " + frameCount + " frames and " + floats + " values");
    }
    int frames = (int) frameCount;
    var kinematics = new BvhForwardKinematics(clip.skeleton());
    float[] source = motion.valuesWithoutCopy();
    var values = new float[frames * channelCount];
    var coordinates = new float[frames * 3 * pointCount];
    var before = new double[3 * pointCount];
    var after = new double[3 * pointCount];
    var rotations = new double[9 * kinematics.jointCount()];
    int beforeFrame = -1;
    int afterFrame = -1;
    for (int frame = 0; frame < frames; frame++) {
      double sourcePosition = frame / framesPerSecond / motion.frameTimeSeconds();
      int first = (int) Math.min(Math.floor(sourcePosition), sourceFrames - 1);
      int second = Math.min(first + 1, sourceFrames - 1);
      double weight = first == second ? 0 : sourcePosition - first;
      interpolateValues(kinematics, source, first, second, weight, values, frame, channelCount);
      if (beforeFrame != first) {
        if (afterFrame == first) {
          double[] swap = before;
          before = after;
          after = swap;
        } else {
          kinematics.pose(source, first * channelCount, before, rotations);
        }
        beforeFrame = first;
        afterFrame = -1;
      }
      if (afterFrame != second) {
        kinematics.pose(source, second * channelCount, after, rotations);
        afterFrame = second;
      }
      int base = frame * 3 * pointCount;
      for (int index = 0; index < 3 * pointCount; index++) {
        coordinates[base + index] = (float) (before[index] + weight * (after[index] - before[index]));
      }
    }
    double frameTimeSeconds = 1 / framesPerSecond;
    return new BvhFrames(
        BvhMotion.wrap(frames, channelCount, frameTimeSeconds, values),
        new BvhPositions(clip.skeleton(), frames, frameTimeSeconds, coordinates));
  }

  private static void interpolateValues(BvhForwardKinematics kinematics, float[] source, int first, int second,
      double weight, float[] values, int frame, int channelCount) {
    for (int channel = 0; channel < channelCount; channel++) {
      double from = source[first * channelCount + channel];
      double to = source[second * channelCount + channel];
      double step = to - from;
      if (kinematics.isRotationChannel(channel)) {
        step -= 360 * Math.floor((step + 180) / 360);
      }
      values[frame * channelCount + channel] = (float) (from + weight * step);
    }
  }
}
