package dev.aivid.media.detect;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises a file from its first bytes (pass at least {@link #HEAD_BYTES}). Never trusts a name
 * or a declared type, and never throws: unknown content is empty.
 */
public final class ContentSniffer {
  public static final int HEAD_BYTES = 64;

  private ContentSniffer() {}

  public static Optional<ContentType> sniff(byte[] head) {
    if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
      return Optional.of(ContentType.PNG);
    }
    if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
      return Optional.of(ContentType.JPEG);
    }
    if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
      return Optional.of(ContentType.WEBP);
    }
    if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
      return Optional.of(ContentType.WAV);
    }
    if (ascii(head, 4, "ftyp")) {
      return Optional.of(ascii(head, 8, "qt  ") ? ContentType.QUICKTIME : ContentType.MP4);
    }
    if (ascii(head, 0, "fLaC")) {
      return Optional.of(ContentType.FLAC);
    }
    if (ascii(head, 0, "OggS")) {
      return Optional.of(ContentType.OGG);
    }
    if (ascii(head, 0, "ID3") || isMpegAudioFrame(head)) {
      return Optional.of(ContentType.MP3);
    }
    return text(head);
  }

  /** MPEG-1/2 Layer III frame sync: 11 set bits, then a valid version, layer and bitrate. */
  private static boolean isMpegAudioFrame(byte[] head) {
    if (head.length < 4 || (head[0] & 0xFF) != 0xFF || (head[1] & 0xE0) != 0xE0) {
      return false;
    }
    int version = (head[1] >> 3) & 0x03;
    int layer = (head[1] >> 1) & 0x03;
    int bitrate = (head[2] >> 4) & 0x0F;
    int sampleRate = (head[2] >> 2) & 0x03;
    return version != 1 && layer == 1 && bitrate != 0 && bitrate != 15 && sampleRate != 3;
  }

  private static Optional<ContentType> text(byte[] head) {
    int start = 0;
    if (startsWith(head, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
      start = 3;
    }
    for (int i = start; i < head.length; i++) {
      if (head[i] == 0) {
        return Optional.empty();
      }
    }
    while (start < head.length && Character.isWhitespace(head[start])) {
      start++;
    }
    if (start >= head.length) {
      return Optional.empty();
    }
    String rest = new String(head, start, head.length - start, StandardCharsets.ISO_8859_1);
    if (rest.regionMatches(true, 0, "HIERARCHY", 0, 9)) {
      return Optional.of(ContentType.BVH);
    }
    if (rest.startsWith("GIMP Palette")) {
      return Optional.of(ContentType.GIMP_PALETTE);
    }
    if (rest.charAt(0) == '{' || rest.charAt(0) == '[') {
      return Optional.of(ContentType.JSON);
    }
    return Optional.empty();
  }

  private static boolean ascii(byte[] bytes, int offset, String text) {
    return startsWith(bytes, offset, text.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    if (bytes.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
