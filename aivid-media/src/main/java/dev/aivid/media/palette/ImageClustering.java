package dev.aivid.media.palette;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded k-means in RGB on a bounded pixel sample: stratified subsampling, k-means++ seeding and Lloyd iterations over
 * the distinct sampled colours weighted by their counts. Deterministic for a seed; not thread-safe per instance, but
 * each call makes its own.
 */
final class ImageClustering {

  static final int MAX_ITERATIONS = 50;

  private final int[] colours;
  private final long[] counts;
  private final SplittableRandom random;

  private ImageClustering(int[] colours, long[] counts, long seed) {
    this.colours = colours;
    this.counts = counts;
    this.random = new SplittableRandom(seed);
  }

  static Palette palette(BufferedImage image, PaletteOptions options) {
    var random = new SplittableRandom(options.seed());
    Map<Integer, Long> histogram = sample(image, options.maxSampledPixels(), random);
    int[] colours = new int[histogram.size()];
    long[] counts = new long[histogram.size()];
    // Sorted so that the result does not depend on HashMap iteration order.
    int[] keys = histogram.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    for (int index = 0; index < keys.length; index++) {
      colours[index] = keys[index];
      counts[index] = histogram.get(keys[index]);
    }
    return new ImageClustering(colours, counts, random.nextLong()).cluster(options.clusterCount());
  }

  /** Every pixel when there are at most {@code maxSamples}; else one seeded pixel per cell of a square grid. */
  private static Map<Integer, Long> sample(BufferedImage image, int maxSamples, SplittableRandom random) {
    int width = image.getWidth();
    int height = image.getHeight();
    Map<Integer, Long> histogram = new HashMap<>();
    long pixels = (long) width * height;
    if (pixels <= maxSamples) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          histogram.merge(image.getRGB(x, y) & 0xFFFFFF, 1L, Long::sum);
        }
      }
      return histogram;
    }
    int cell = (int) Math.ceil(Math.sqrt((double) pixels / maxSamples));
    for (int top = 0; top < height; top += cell) {
      for (int left = 0; left < width; left += cell) {
        int x = left + random.nextInt(Math.min(cell, width - left));
        int y = top + random.nextInt(Math.min(cell, height - top));
        histogram.merge(image.getRGB(x, y) & 0xFFFFFF, 1L, Long::sum);
      }
    }
    return histogram;
  }

  private Palette cluster(int clusterCount) {
    double[][] centres = seedCentres(clusterCount);
    int[] assignment = new int[colours.length];
    Arrays.fill(assignment, -1);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      boolean changed = assign(centres, assignment);
      if (!changed) {
        break;
      }
      update(centres, assignment);
    }
    return toPalette(centres, assignment);
  }

  /** k-means++: the first centre by weight, each further one with probability ∝ weight · squared distance. */
  private double[][] seedCentres(int clusterCount) {
    List<double[]> centres = new ArrayList<>();
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    centres.add(channels(colours[pick(counts, total)]));
    double[] nearest = new double[colours.length];
    Arrays.fill(nearest, Double.MAX_VALUE);
    while (centres.size() < clusterCount) {
      double[] latest = centres.getLast();
      double sum = 0;
      for (int index = 0; index < colours.length; index++) {
        nearest[index] = Math.min(nearest[index], distanceSquared(channels(colours[index]), latest));
        sum += nearest[index] * counts[index];
      }
      if (sum == 0) {
        // Every distinct colour already is a centre.
        break;
      }
      double target = random.nextDouble() * sum;
      int chosen = colours.length - 1;
      for (int index = 0; index < colours.length; index++) {
        target -= nearest[index] * counts[index];
        if (target < 0) {
          chosen = index;
          break;
        }
      }
      centres.add(channels(colours[chosen]));
    }
    return centres.toArray(double[][]::new);
  }

  private int pick(long[] weights, long total) {
    long target = random.nextLong(total);
    for (int index = 0; index < weights.length; index++) {
      target -= weights[index];
      if (target < 0) {
        return index;
      }
    }
    return weights.length - 1;
  }

  private boolean assign(double[][] centres, int[] assignment) {
    boolean changed = false;
    for (int index = 0; index < colours.length; index++) {
      double[] point = channels(colours[index]);
      int best = 0;
      double bestDistance = Double.MAX_VALUE;
      for (int centre = 0; centre < centres.length; centre++) {
        double distance = distanceSquared(point, centres[centre]);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = centre;
        }
      }
      if (assignment[index] != best) {
        assignment[index] = best;
        changed = true;
      }
    }
    return changed;
  }

  /** Weighted means; a centre that lost all its points stays where it was. */
  private void update(double[][] centres, int[] assignment) {
    double[][] sums = new double[centres.length][3];
    long[] weights = new long[centres.length];
    for (int index = 0; index < colours.length; index++) {
      double[] point = channels(colours[index]);
      int centre = assignment[index];
      for (int channel = 0; channel < 3; channel++) {
        sums[centre][channel] += point[channel] * counts[index];
      }
      weights[centre] += counts[index];
    }
    for (int centre = 0; centre < centres.length; centre++) {
      if (weights[centre] > 0) {
        for (int channel = 0; channel < 3; channel++) {
          centres[centre][channel] = sums[centre][channel] / weights[centre];
        }
      }
    }
  }

  private Palette toPalette(double[][] centres, int[] assignment) {
    long[] weights = new long[centres.length];
    long total = 0;
    for (int index = 0; index < colours.length; index++) {
      weights[assignment[index]] += counts[index];
      total += counts[index];
    }
    // Clusters whose means round to the same colour are merged.
    Map<Integer, Long> merged = new HashMap<>();
    for (int centre = 0; centre < centres.length; centre++) {
      if (weights[centre] > 0) {
        merged.merge(rounded(centres[centre]), weights[centre], Long::sum);
      }
    }
    List<Map.Entry<Integer, Long>> ordered = new ArrayList<>(merged.entrySet());
    ordered.sort(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue).reversed()
        .thenComparingInt(Map.Entry::getKey));
    List<Swatch> swatches = new ArrayList<>(ordered.size());
    for (Map.Entry<Integer, Long> entry : ordered) {
      swatches.add(new Swatch(Colour.fromRgb(entry.getKey()), null, (double) entry.getValue() / total));
    }
    return new Palette(PaletteFormat.IMAGE, null, swatches);
  }

  private static int rounded(double[] centre) {
    int red = (int) Math.clamp(Math.round(centre[0]), 0, 255);
    int green = (int) Math.clamp(Math.round(centre[1]), 0, 255);
    int blue = (int) Math.clamp(Math.round(centre[2]), 0, 255);
    return (red << 16) | (green << 8) | blue;
  }

  private static double[] channels(int rgb) {
    return new double[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
  }

  private static double distanceSquared(double[] first, double[] second) {
    double red = first[0] - second[0];
    double green = first[1] - second[1];
    double blue = first[2] - second[2];
    return red * red + green * green + blue * blue;
  }
}
