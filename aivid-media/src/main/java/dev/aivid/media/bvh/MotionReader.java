package dev.aivid.media.bvh;

import dev.aivid.media.MediaException;

/**
 * Reads the {@code MOTION} section after its keyword: {@code Frames:}, {@code Frame Time:} and one line of values per
 * frame. The declared frame count is checked against {@link BvhParser#MAX_FRAMES} and
 * {@link BvhParser#MAX_JOINT_FRAMES} before anything is allocated, and
 * the value array is never larger than the bytes left could possibly fill (each value needs at least two bytes), so
 * a small file cannot claim a large allocation.
 *
 * <p>Each frame is one line; blank lines between frames are skipped. Content after the declared frames other than
 * whitespace is an error, as is a line with fewer or more values than the skeleton has channels.
 */
final class MotionReader {

  private final BvhTokenizer tokenizer;

  MotionReader(BvhTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  BvhMotion read(int channelCount, int jointCount) {
    long frameCount = readFrameCount();
    if (frameCount > BvhParser.MAX_FRAMES) {
      throw BvhErrorCodes.atLine(BvhErrorCodes.TOO_MANY_FRAMES, tokenizer.tokenLine(),
          "Frames: " + frameCount + " is more than " + BvhParser.MAX_FRAMES);
    }
    if (frameCount * jointCount > BvhParser.MAX_JOINT_FRAMES) {
      throw BvhErrorCodes.atLine(BvhErrorCodes.TOO_MANY_FRAMES, tokenizer.tokenLine(), "Frames: " + frameCount
          + " of " + jointCount + " joints is more than " + BvhParser.MAX_JOINT_FRAMES + " joint frames");
    }
    double frameTimeSeconds = readFrameTime();
    tokenizer.expectEndOfLine("Frame Time");
    long declaredValues = frameCount * channelCount;
    long possibleValues = tokenizer.bytesLeft() / 2L + 1;
    var values = new float[(int) Math.min(declaredValues, possibleValues)];
    int frames = (int) frameCount;
    if (channelCount > 0) {
      for (int frame = 0; frame < frames; frame++) {
        readFrame(values, frame, frames, channelCount);
      }
    }
    if (tokenizer.skipBlankLines()) {
      tokenizer.next();
      throw tokenizer.syntax("unexpected " + tokenizer.shown() + " after the " + frames + " declared frames");
    }
    return BvhMotion.wrap(frames, channelCount, frameTimeSeconds, values);
  }

  private void readFrame(float[] values, int frame, int frames, int channelCount) {
    if (!tokenizer.skipBlankLines()) {
      throw truncated("after " + frame + " of " + frames + " frames");
    }
    long offset = (long) frame * channelCount;
    if (offset + channelCount > values.length) {
      // Only reachable when the values cannot fit in the bytes left: the input must end before this frame does.
      throw truncated("after " + frame + " of " + frames + " frames");
    }
    int line = tokenizer.line();
    int read = tokenizer.readFrameLine(values, (int) offset, channelCount);
    if (read < channelCount) {
      if (tokenizer.atEnd()) {
        throw truncated("inside frame " + frame + " of " + frames);
      }
      throw BvhErrorCodes.atLine(BvhErrorCodes.TOO_FEW_VALUES, line,
          "frame " + frame + " has " + read + " values, the skeleton has " + channelCount + " channels");
    }
  }

  private long readFrameCount() {
    if (!tokenizer.next() || !tokenizer.startsWith("frames")) {
      throw expected("'Frames:'");
    }
    moveToLabelledValue("frames", "a frame count");
    return tokenizer.wholeNumber("a frame count");
  }

  private double readFrameTime() {
    if (!tokenizer.next() || !tokenizer.is("frame")) {
      throw expected("'Frame Time:'");
    }
    if (!tokenizer.nextOnSameLine() || !tokenizer.startsWith("time")) {
      throw expected("'Frame Time:'");
    }
    moveToLabelledValue("time", "a frame time");
    double seconds = tokenizer.number("the frame time");
    if (!(seconds >= BvhParser.MIN_FRAME_TIME_SECONDS && seconds <= BvhParser.MAX_FRAME_TIME_SECONDS)) {
      throw BvhErrorCodes.atLine(BvhErrorCodes.INVALID_FRAME_TIME, tokenizer.tokenLine(),
          "Frame Time: " + seconds + " s is outside " + BvhParser.MIN_FRAME_TIME_SECONDS + ".."
              + BvhParser.MAX_FRAME_TIME_SECONDS + " s");
    }
    return seconds;
  }

  /**
   * Leaves the tokenizer on the value of {@code label:}, accepting {@code Frames: 5}, {@code Frames:5} and
   * {@code Frames : 5}.
   */
  private void moveToLabelledValue(String label, String what) {
    String labelWithColon = label + ":";
    if (tokenizer.is(label)) {
      if (!tokenizer.nextOnSameLine() || !tokenizer.is(":")) {
        throw expected("':' after '" + label + "'");
      }
    } else if (!tokenizer.startsWith(labelWithColon)) {
      throw tokenizer.syntax("expected '" + labelWithColon + "', found " + tokenizer.shown());
    } else if (tokenizer.tokenLength() > labelWithColon.length()) {
      tokenizer.dropTokenPrefix(labelWithColon.length());
      return;
    }
    if (!tokenizer.nextOnSameLine()) {
      throw expected(what);
    }
  }

  private MediaException expected(String what) {
    if (tokenizer.atEnd()) {
      return truncated("before " + what);
    }
    return tokenizer.syntax("expected " + what + ", found " + tokenizer.shown());
  }

  private MediaException truncated(String where) {
    return BvhErrorCodes.atLine(BvhErrorCodes.TRUNCATED, tokenizer.line(), "input ends " + where);
  }
}
