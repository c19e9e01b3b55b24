package dev.aivid.media.bvh;

import dev.aivid.media.MediaException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses BVH files from untrusted input. Every problem with the input is a {@link MediaException} with one of the
 * {@link BvhErrorCodes}; syntax errors name the line. Memory is bounded by the input size limit: declared counts are
 * checked against the limits below before anything is allocated from them, and the frame values never take more
 * than twice the input's size (a value needs at least two bytes of text and takes four as a float).
 *
 * <p>Grammar: {@code HIERARCHY}, one or more {@code ROOT} trees of {@code JOINT}s and {@code End Site}s, each with
 * {@code OFFSET x y z} then (joints only, optional) {@code CHANNELS n name...}, then {@code MOTION},
 * {@code Frames: n}, {@code Frame Time: seconds} and one line of values per frame. Tolerated: any whitespace, tabs,
 * CRLF/LF/lone-CR line ends mixed in one file, blank lines, a UTF-8 byte order mark, any letter case in keywords and
 * channel names, braces on the keyword's line, names with spaces, a name after {@code End Site},
 * {@code Frames:5} / {@code Frames : 5}, numbers like {@code .5}, {@code 7.} and {@code 1E-3}, and joints without
 * channels. Several {@code ROOT}s are accepted, each hanging from the origin, their channels following in file order
 * (the widely copied University of Wisconsin BVH description calls several roots permissible; three.js reads only one). Rejected, with the line: unknown keywords or
 * channel names, a missing or repeated {@code OFFSET}, {@code CHANNELS} inside an End Site, a frame line with fewer
 * or more values than channels, and anything but whitespace after the declared frames (Blender would read extra lines
 * as frames; here {@code Frames:} is authoritative).
 *
 * <p>Stateless and thread-safe. One pass over the bytes with a hand-written tokenizer; numbers are parsed in place
 * without allocating. Hierarchy nesting is read with an explicit stack, not recursion.
 */
public final class BvhParser {

  /** Input limit of {@link #parse(byte[])}. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;
  /** Largest {@code maxBytes} {@link #parse(InputStream, long)} accepts (the input is held in one array). */
  public static final long LARGEST_MAX_BYTES = Integer.MAX_VALUE - 16;
  /** Nesting levels of joints and End Sites. */
  public static final int MAX_DEPTH = 256;
  /** Joints (ROOT and JOINT); End Sites have the same limit. */
  public static final int MAX_JOINTS = 1_000;
  public static final int MAX_CHANNELS_PER_JOINT = 16;
  /** Declared {@code Frames:}; about 2.3 hours at 120 fps. */
  public static final int MAX_FRAMES = 1_000_000;
  /**
   * Declared frames times joints, the work of posing every frame. Channels are bounded by the input size, but joints
   * without channels are not, so without this a few hundred bytes could declare 1,000 static joints over a million
   * frames. 50 million is e.g. 60 joints for 833,333 frames.
   */
  public static final long MAX_JOINT_FRAMES = 50_000_000;
  /** 100,000 fps. */
  public static final double MIN_FRAME_TIME_SECONDS = 1e-5;
  public static final double MAX_FRAME_TIME_SECONDS = 60;

  private static final int FIRST_READ_BYTES = 64 << 10;

  private BvhParser() {}

  /** Parses a whole file held in memory, refusing more than {@link #DEFAULT_MAX_BYTES}. */
  public static BvhClip parse(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > DEFAULT_MAX_BYTES) {
      throw tooLarge(DEFAULT_MAX_BYTES);
    }
    return parse(bytes, bytes.length);
  }

  /**
   * Reads {@code input} to its end (without closing it) and parses it. Reading stops with
   * {@link BvhErrorCodes#TOO_LARGE} as soon as more than {@code maxBytes} arrive; the buffer grows with the data, it is
   * not sized from {@code maxBytes}. An {@link IOException} becomes {@link BvhErrorCodes#READ_FAILED}.
   *
   * @param maxBytes 1..{@link #LARGEST_MAX_BYTES}
   */
  public static BvhClip parse(InputStream input, long maxBytes) {
    Objects.requireNonNull(input, "input");
    if (maxBytes < 1 || maxBytes > LARGEST_MAX_BYTES) {
      throw new IllegalArgumentException("maxBytes must be within 1.." + LARGEST_MAX_BYTES + ", was " + maxBytes);
    }
    byte[] buffer = new byte[(int) Math.min(FIRST_READ_BYTES, maxBytes + 1)];
    int length = 0;
    try {
      while (true) {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, maxBytes + 1));
        }
        int read = input.read(buffer, length, buffer.length - length);
        if (read < 0) {
          break;
        }
        length += read;
        if (length > maxBytes) {
          throw tooLarge(maxBytes);
        }
      }
    } catch (IOException failure) {
      throw new MediaException(BvhErrorCodes.READ_FAILED, "reading BVH input failed: " + failure.getMessage(), failure);
    }
    return parse(buffer, length);
  }

  private static BvhClip parse(byte[] bytes, int length) {
    var tokenizer = new BvhTokenizer(bytes, length);
    BvhSkeleton skeleton = new HierarchyReader(tokenizer).read();
    BvhMotion motion = new MotionReader(tokenizer).read(skeleton.channelCount(), skeleton.jointCount());
    return new BvhClip(skeleton, motion);
  }

  private static MediaException tooLarge(long maxBytes) {
    return new MediaException(BvhErrorCodes.TOO_LARGE, "BVH input is larger than " + maxBytes + " bytes");
  }
}
