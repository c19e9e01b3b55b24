package dev.aivid.media.image;

/** Walks the JPEG marker segments up to the first start-of-frame, which holds the size. */
final class JpegHeader {

  private static final int MARKER_PREFIX = 0xFF;
  private static final int START_OF_IMAGE = 0xD8;
  private static final int END_OF_IMAGE = 0xD9;
  private static final int START_OF_SCAN = 0xDA;
  private static final int TEMPORARY = 0x01;
  private static final int FIRST_RESTART = 0xD0;
  private static final int LAST_RESTART = 0xD7;

  private JpegHeader() {}

  static ImageInfo read(byte[] bytes) {
    var header = new HeaderBytes(bytes, "JPEG");
    int position = 2;
    while (true) {
      if (header.unsignedByte(position) != MARKER_PREFIX) {
        throw header.corrupt("broken: expected a marker at byte " + position);
      }
      while (header.unsignedByte(position) == MARKER_PREFIX) {
        position++;
      }
      int marker = header.unsignedByte(position);
      position++;
      if (hasNoSegment(marker)) {
        continue;
      }
      if (marker == 0x00 || marker == END_OF_IMAGE || marker == START_OF_SCAN) {
        throw header.corrupt("without a frame header");
      }
      int segmentLength = header.unsignedShortBigEndian(position);
      if (segmentLength < 2) {
        throw header.corrupt("broken: segment length " + segmentLength);
      }
      if (isStartOfFrame(marker)) {
        int height = header.unsignedShortBigEndian(position + 3);
        int width = header.unsignedShortBigEndian(position + 5);
        if (segmentLength < 8 || width == 0 || height == 0) {
          throw header.corrupt("declaring an unusable size " + width + "x" + height);
        }
        return new ImageInfo(ImageFormat.JPEG, width, height);
      }
      position += segmentLength;
    }
  }

  private static boolean hasNoSegment(int marker) {
    return marker == START_OF_IMAGE
        || marker == TEMPORARY
        || (marker >= FIRST_RESTART && marker <= LAST_RESTART);
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
