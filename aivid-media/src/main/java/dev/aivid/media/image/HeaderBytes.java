package dev.aivid.media.image;

import dev.aivid.media.MediaException;

/** Bounds-checked reads of header fields, so that a short or lying header becomes "unsupported_image". */
final class HeaderBytes {

  private final byte[] bytes;
  private final String formatName;

  HeaderBytes(byte[] bytes, String formatName) {
    this.bytes = bytes;
    this.formatName = formatName;
  }

  int length() {
    return bytes.length;
  }

  void requireLength(int count) {
    require(0, count);
  }

  int unsignedByte(int offset) {
    require(offset, 1);
    return bytes[offset] & 0xFF;
  }

  int unsignedShortBigEndian(int offset) {
    require(offset, 2);
    return (unsignedByte(offset) << 8) | unsignedByte(offset + 1);
  }

  int unsignedShortLittleEndian(int offset) {
    require(offset, 2);
    return unsignedByte(offset) | (unsignedByte(offset + 1) << 8);
  }

  int unsigned24LittleEndian(int offset) {
    require(offset, 3);
    return unsignedByte(offset) | (unsignedByte(offset + 1) << 8) | (unsignedByte(offset + 2) << 16);
  }

  long unsignedIntBigEndian(int offset) {
    require(offset, 4);
    return ((long) unsignedShortBigEndian(offset) << 16) | unsignedShortBigEndian(offset + 2);
  }

  long unsignedIntLittleEndian(int offset) {
    require(offset, 4);
    return unsignedShortLittleEndian(offset) | ((long) unsignedShortLittleEndian(offset + 2) << 16);
  }

  boolean matches(int offset, String ascii) {
    if (offset < 0 || offset > bytes.length - ascii.length()) {
      return false;
    }
    for (int index = 0; index < ascii.length(); index++) {
      if (bytes[offset + index] != (byte) ascii.charAt(index)) {
        return false;
      }
    }
    return true;
  }

  MediaException corrupt(String detail) {
    return new MediaException("unsupported_image", formatName + " header is " + detail);
  }

  private void require(int offset, int count) {
    if (offset < 0 || offset > bytes.length - count) {
      throw corrupt("truncated");
    }
  }
}
