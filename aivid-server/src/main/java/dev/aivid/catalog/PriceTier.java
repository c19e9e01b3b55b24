package dev.aivid.catalog;

/** Credits per output second for frames up to {@code maxPixels}, in micro-credits. */
public record PriceTier(String name, long maxPixels, long microsPerSecond) {
  public PriceTier {
    if (maxPixels <= 0 || microsPerSecond < 0) {
      throw new IllegalArgumentException("a price tier needs positive pixels and a price");
    }
  }
}
