package dev.aivid.media.image;

/** Reads the size from the IHDR chunk, which the PNG specification requires to come first. */
final class PngHeader {

  private static final int IHDR_LENGTH = 13;
  private static final int SIGNATURE_AND_IHDR_LENGTH = 8 + 4 + 4 + IHDR_LENGTH + 4;

  private PngHeader() {}

  static ImageInfo read(byte[] bytes) {
    var header = new HeaderBytes(bytes, "PNG");
    header.requireLength(SIGNATURE_AND_IHDR_LENGTH);
    if (header.unsignedIntBigEndian(8) != IHDR_LENGTH || !header.matches(12, "IHDR")) {
      throw header.corrupt("missing its IHDR chunk");
    }
    long width = header.unsignedIntBigEndian(16);
    long height = header.unsignedIntBigEndian(20);
    if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw header.corrupt("declaring an impossible size " + width + "x" + height);
    }
    return new ImageInfo(ImageFormat.PNG, (int) width, (int) height);
  }
}
