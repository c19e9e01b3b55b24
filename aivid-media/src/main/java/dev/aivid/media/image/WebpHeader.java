package dev.aivid.media.image;

/** Reads the size from the first chunk of a WebP file: lossy VP8, lossless VP8L or extended VP8X. */
final class WebpHeader {

  private static final int CHUNK_DATA = 20;
  private static final int LOSSLESS_SIGNATURE = 0x2F;

  private WebpHeader() {}

  static ImageInfo read(byte[] bytes) {
    var header = new HeaderBytes(bytes, "WebP");
    if (header.matches(12, "VP8 ")) {
      return lossy(header);
    }
    if (header.matches(12, "VP8L")) {
      return lossless(header);
    }
    if (header.matches(12, "VP8X")) {
      return extended(header);
    }
    throw header.corrupt("missing a VP8, VP8L or VP8X chunk");
  }

  private static ImageInfo lossy(HeaderBytes header) {
    boolean keyFrame = (header.unsignedByte(CHUNK_DATA) & 1) == 0;
    boolean startCode = header.unsignedByte(CHUNK_DATA + 3) == 0x9D
        && header.unsignedByte(CHUNK_DATA + 4) == 0x01
        && header.unsignedByte(CHUNK_DATA + 5) == 0x2A;
    if (!keyFrame || !startCode) {
      throw header.corrupt("missing the VP8 key frame start code");
    }
    int width = header.unsignedShortLittleEndian(CHUNK_DATA + 6) & 0x3FFF;
    int height = header.unsignedShortLittleEndian(CHUNK_DATA + 8) & 0x3FFF;
    return sized(header, width, height);
  }

  private static ImageInfo lossless(HeaderBytes header) {
    if (header.unsignedByte(CHUNK_DATA) != LOSSLESS_SIGNATURE) {
      throw header.corrupt("missing the VP8L signature");
    }
    long bits = header.unsignedIntLittleEndian(CHUNK_DATA + 1);
    int width = (int) (bits & 0x3FFF) + 1;
    int height = (int) ((bits >>> 14) & 0x3FFF) + 1;
    return sized(header, width, height);
  }

  private static ImageInfo extended(HeaderBytes header) {
    int width = header.unsigned24LittleEndian(CHUNK_DATA + 4) + 1;
    int height = header.unsigned24LittleEndian(CHUNK_DATA + 7) + 1;
    return sized(header, width, height);
  }

  private static ImageInfo sized(HeaderBytes header, int width, int height) {
    if (width < 1 || height < 1) {
      throw header.corrupt("declaring an unusable size " + width + "x" + height);
    }
    return new ImageInfo(ImageFormat.WEBP, width, height);
  }
}
