package dev.aivid.providers.seedance;

import java.util.List;

/**
 * The frame a request asks for, in Seedance's terms: one of six ratios and one of three
 * resolutions. Seedance picks the exact pixel size from the pair, so a size outside its table
 * comes back at the nearest one.
 */
record SeedanceFrame(String ratio, String resolution) {
  /** Largest pixel count of each tier: the catalog's pricing tiers, which follow Seedance's table. */
  private static final long MAX_480P_PIXELS = 430_000;
  private static final long MAX_720P_PIXELS = 930_000;

  private record Ratio(String name, double value) {}

  private static final List<Ratio> RATIOS =
      List.of(
          new Ratio("16:9", 16.0 / 9),
          new Ratio("4:3", 4.0 / 3),
          new Ratio("1:1", 1.0),
          new Ratio("3:4", 3.0 / 4),
          new Ratio("9:16", 9.0 / 16),
          new Ratio("21:9", 21.0 / 9));

  /** {@code adaptive} is never sent: it lets Seedance choose, and AIVid promised a size. */
  static SeedanceFrame of(int width, int height) {
    double wanted = Math.log((double) width / height);
    Ratio nearest = RATIOS.getFirst();
    for (Ratio candidate : RATIOS) {
      if (Math.abs(Math.log(candidate.value()) - wanted) < Math.abs(Math.log(nearest.value()) - wanted)) {
        nearest = candidate;
      }
    }
    long pixels = (long) width * height;
    String resolution = pixels <= MAX_480P_PIXELS ? "480p" : pixels <= MAX_720P_PIXELS ? "720p" : "1080p";
    return new SeedanceFrame(nearest.name(), resolution);
  }
}
