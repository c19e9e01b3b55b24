package dev.aivid.media.image;

/** Still image formats accepted as reference images. */
public enum ImageFormat {
  PNG("image/png"),
  JPEG("image/jpeg"),
  WEBP("image/webp");

  private final String mimeType;

  ImageFormat(String mimeType) {
    this.mimeType = mimeType;
  }

  public String mimeType() {
    return mimeType;
  }
}
