package dev.aivid.jobs;

/** The video an edit or extension starts from: one of the caller's completed videos, or a file. */
public sealed interface VideoSource {
  /** {@code video: {"id": "video_..."}}. */
  record Existing(String videoId) implements VideoSource {}

  /** {@code video} as an uploaded MP4 file. */
  record Upload(byte[] content) implements VideoSource {}
}
