package dev.aivid.media.previz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** A dusk-like landscape (sky gradient, glowing sun, layered ridges, vignette) chosen entirely by the seed. */
public final class GeneratedBackdrop {

  private static final int RIDGE_COUNT = 3;
  private static final int CLOUD_COUNT = 4;

  private GeneratedBackdrop() {}

  public static BufferedImage paint(int width, int height, long seed, int imageType) {
    var random = new SplittableRandom(seed);
    float hue = (float) random.nextDouble();
    Color zenith = Color.getHSBColor(hue, 0.5f + 0.3f * (float) random.nextDouble(), 0.18f + 0.2f * (float) random.nextDouble());
    Color horizon = Color.getHSBColor(hue + 0.06f + 0.1f * (float) random.nextDouble(), 0.35f + 0.2f * (float) random.nextDouble(), 0.92f);
    Color ground = Color.getHSBColor(hue + 0.5f, 0.35f, 0.12f);
    double horizonY = height * (0.56 + 0.12 * random.nextDouble());

    var image = new BufferedImage(width, height, imageType);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      paintSky(graphics, width, height, horizonY, zenith, horizon);
      paintSun(graphics, random, width, height, horizonY, horizon);
      paintClouds(graphics, random, width, horizonY);
      paintRidges(graphics, random, width, height, horizonY, horizon, ground);
      paintVignette(graphics, width, height);
    } finally {
      graphics.dispose();
    }
    return image;
  }

  private static void paintSky(Graphics2D graphics, int width, int height, double horizonY, Color zenith, Color horizon) {
    graphics.setPaint(new LinearGradientPaint(0, 0, 0, (float) horizonY,
        new float[] {0f, 0.7f, 1f}, new Color[] {zenith, mix(zenith, horizon, 0.55), horizon}));
    graphics.fillRect(0, 0, width, height);
  }

  private static void paintSun(Graphics2D graphics, SplittableRandom random, int width, int height, double horizonY, Color horizon) {
    double radius = height * (0.05 + 0.05 * random.nextDouble());
    double centerX = width * (0.2 + 0.6 * random.nextDouble());
    double centerY = horizonY - height * (0.06 + 0.16 * random.nextDouble());
    Color light = mix(horizon, Color.WHITE, 0.6);
    float glowRadius = (float) radius * 5f;
    graphics.setPaint(new RadialGradientPaint((float) centerX, (float) centerY, glowRadius,
        new float[] {0f, 0.2f, 1f}, new Color[] {withAlpha(light, 170), withAlpha(light, 60), withAlpha(light, 0)}));
    graphics.fill(new Ellipse2D.Double(centerX - glowRadius, centerY - glowRadius, 2.0 * glowRadius, 2.0 * glowRadius));
    graphics.setPaint(new RadialGradientPaint((float) centerX, (float) centerY, (float) radius,
        new float[] {0f, 0.85f, 1f}, new Color[] {light, light, withAlpha(light, 0)}));
    graphics.fill(new Ellipse2D.Double(centerX - radius, centerY - radius, 2 * radius, 2 * radius));
  }

  private static void paintClouds(Graphics2D graphics, SplittableRandom random, int width, double horizonY) {
    for (int cloud = 0; cloud < CLOUD_COUNT; cloud++) {
      double cloudWidth = width * (0.25 + 0.3 * random.nextDouble());
      double cloudHeight = cloudWidth * (0.12 + 0.08 * random.nextDouble());
      double centerX = width * random.nextDouble();
      double centerY = horizonY * (0.15 + 0.6 * random.nextDouble());
      var shape = new Ellipse2D.Double(centerX - cloudWidth / 2, centerY - cloudHeight / 2, cloudWidth, cloudHeight);
      graphics.setPaint(new RadialGradientPaint((float) centerX, (float) centerY, (float) cloudWidth / 2,
          new float[] {0f, 1f}, new Color[] {new Color(255, 255, 255, 34), new Color(255, 255, 255, 0)}));
      graphics.fill(shape);
    }
  }

  /** Back to front, each ridge darker and lower, like atmospheric perspective. */
  private static void paintRidges(
      Graphics2D graphics, SplittableRandom random, int width, int height, double horizonY, Color horizon, Color ground) {
    for (int ridge = 0; ridge < RIDGE_COUNT; ridge++) {
      double baseY = horizonY + height * (0.07 * ridge - 0.02);
      double amplitude = height * (0.06 - 0.012 * ridge);
      double[] cycles = {1 + 1.5 * random.nextDouble(), 3 + 3 * random.nextDouble(), 8 + 6 * random.nextDouble()};
      double[] phases = {tau(random), tau(random), tau(random)};
      var outline = new Path2D.Double();
      outline.moveTo(0, height);
      int step = Math.max(2, width / 96);
      for (int x = 0; x <= width + step; x += step) {
        double along = x / (double) width;
        double wave = 0.6 * Math.sin(cycles[0] * 2 * Math.PI * along + phases[0])
            + 0.3 * Math.sin(cycles[1] * 2 * Math.PI * along + phases[1])
            + 0.1 * Math.sin(cycles[2] * 2 * Math.PI * along + phases[2]);
        outline.lineTo(x, baseY - amplitude * wave);
      }
      outline.lineTo(width + step, height);
      outline.closePath();
      Color top = mix(horizon, ground, 0.45 + 0.22 * ridge);
      graphics.setPaint(new LinearGradientPaint(0, (float) (baseY - amplitude), 0, height,
          new float[] {0f, 1f}, new Color[] {top, mix(top, ground, 0.6)}));
      graphics.fill(outline);
    }
  }

  private static void paintVignette(Graphics2D graphics, int width, int height) {
    float radius = (float) Math.hypot(width, height) / 2f;
    graphics.setPaint(new RadialGradientPaint(width / 2f, height / 2f, radius,
        new float[] {0.55f, 1f}, new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, 120)}));
    graphics.fillRect(0, 0, width, height);
  }

  private static double tau(SplittableRandom random) {
    return 2 * Math.PI * random.nextDouble();
  }

  private static Color mix(Color from, Color to, double amount) {
    return new Color(
        (int) Math.round(from.getRed() + (to.getRed() - from.getRed()) * amount),
        (int) Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * amount),
        (int) Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * amount));
  }

  private static Color withAlpha(Color color, int alpha) {
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
  }
}
