package dev.aivid.media.internal;

import java.util.Map;

/** Options for opening uploaded files with libavformat without letting their content steer FFmpeg elsewhere. */
public final class UntrustedInput {

  /**
   * Real video containers only. Playlist, concat and text demuxers (hls, concat, tty, …) would let a crafted upload
   * make FFmpeg read other local files or URLs and render them into thumbnails.
   */
  public static final String FORMAT_WHITELIST = "mov,matroska,avi,mpegts,mpeg,flv,ogg,asf,gif,ivf,m4v,h264,hevc";

  private UntrustedInput() {}

  /** Dictionary entries for {@code avformat_open_input}. */
  public static Map<String, String> openOptions() {
    return Map.of("protocol_whitelist", "file", "format_whitelist", FORMAT_WHITELIST);
  }
}
