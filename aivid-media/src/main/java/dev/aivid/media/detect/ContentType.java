package dev.aivid.media.detect;

/** What a file's bytes say it is, whatever its name or declared type claims. */
public enum ContentType {
  PNG("image/png", Family.IMAGE),
  JPEG("image/jpeg", Family.IMAGE),
  WEBP("image/webp", Family.IMAGE),
  MP4("video/mp4", Family.VIDEO),
  QUICKTIME("video/quicktime", Family.VIDEO),
  WAV("audio/wav", Family.AUDIO),
  MP3("audio/mpeg", Family.AUDIO),
  FLAC("audio/flac", Family.AUDIO),
  OGG("audio/ogg", Family.AUDIO),
  BVH("application/x-bvh", Family.MOTION),
  JSON("application/json", Family.DATA),
  GIMP_PALETTE("application/x-gimp-palette", Family.DATA);

  /** The broad kind of content, which decides the probe and the size limits. */
  public enum Family {
    IMAGE,
    VIDEO,
    AUDIO,
    MOTION,
    DATA
  }

  private final String mediaType;
  private final Family family;

  ContentType(String mediaType, Family family) {
    this.mediaType = mediaType;
    this.family = family;
  }

  public String mediaType() {
    return mediaType;
  }

  public Family family() {
    return family;
  }
}
