package dev.aivid.media.image;

import java.util.Objects;

/** What the headers of an image say about it. */
public record ImageInfo(ImageFormat format, int width, int height) {

  public ImageInfo {
    Objects.requireNonNull(format, "format");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size must be positive, was " + width + "x" + height);
    }
  }
}
