package dev.aivid.catalog;

import java.util.Comparator;
import java.util.List;

/** A model's price: one tier per resolution band, smallest first; 1 credit has one value. */
public record Pricing(List<PriceTier> tiers, String source) {
  public Pricing {
    tiers = tiers.stream().sorted(Comparator.comparingLong(PriceTier::maxPixels)).toList();
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one price tier");
    }
  }

  public PriceTier tierFor(VideoSize size) {
    long pixels = (long) size.width() * size.height();
    return tiers.stream()
        .filter(tier -> pixels <= tier.maxPixels())
        .findFirst()
        .orElse(tiers.getLast());
  }

  /** The exact charge for {@code seconds} of output, rounded to the micro-credit. */
  public long priceMicros(VideoSize size, double seconds) {
    return Math.round(tierFor(size).microsPerSecond() * seconds);
  }
}
