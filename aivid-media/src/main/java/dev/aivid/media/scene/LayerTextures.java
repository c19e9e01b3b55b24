package dev.aivid.media.scene;

import dev.aivid.media.internal.ImageScaling;
import dev.aivid.media.palette.Colour;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds {@link LayerTexture}s once per render, as detailed as the closest frame needs them. */
final class LayerTextures {

  /** Texel budget per layer, in frames' worth of pixels; beyond it the texture gets coarser. */
  private static final double MAX_TEXELS_IN_FRAMES = 6;
  /** ...and at most 48 MB of texels per layer whatever the frame size. */
  private static final double MAX_TEXELS = 12_000_000;
  /** Texture detail never exceeds this many texels per start-frame pixel (a push-in closer than 1/4 blurs). */
  private static final double MAX_DENSITY = 4;

  private LayerTextures() {}

  /**
   * A layer filling the start view: the image cover-scaled to the frame (mirrored beyond it when the camera looks
   * further), alpha = image alpha × mask.
   */
  static LayerTexture fullView(BufferedImage image, @Nullable BufferedImage mask, @Nullable Colour tint,
      double depth, LayerRole role, List<FrameCamera> cameras, int width, int height) {
    double sourceDetail = Math.min(image.getWidth() / (double) width, image.getHeight() / (double) height);
    double density = density(depth, cameras, sourceDetail);
    double budget = budget(width, height);
    double wanted = (double) width * height * density * density;
    if (wanted > budget) {
      density *= Math.sqrt(budget / wanted);
    }
    int coverWidth = Math.max(1, (int) Math.round(width * density));
    int coverHeight = Math.max(1, (int) Math.round(height * density));
    BufferedImage cover = ImageScaling.cover(image, coverWidth, coverHeight, BufferedImage.TYPE_INT_ARGB);
    int[] texels = cover.getRGB(0, 0, coverWidth, coverHeight, null, 0, coverWidth);
    if (tint != null) {
      StyleTint.apply(texels, tint);
    }
    if (mask != null) {
      applyMask(texels, mask, coverWidth, coverHeight);
    }
    return new LayerTexture(texels, coverWidth, coverHeight, 0, 0, coverWidth / (double) width,
        coverHeight / (double) height, depth, role, true);
  }

  /** A card: the image resized to {@code rect} (start-frame pixels). */
  static LayerTexture card(BufferedImage image, @Nullable Colour tint, double depth, LayerRole role,
      Rectangle2D rect, List<FrameCamera> cameras) {
    double sourceDetail = image.getHeight() / rect.getHeight();
    double density = density(depth, cameras, sourceDetail);
    double wanted = rect.getWidth() * rect.getHeight() * density * density;
    double budget = budget(cameras.getFirst().width, cameras.getFirst().height);
    if (wanted > budget) {
      density *= Math.sqrt(budget / wanted);
    }
    int textureWidth = Math.max(1, (int) Math.round(rect.getWidth() * density));
    int textureHeight = Math.max(1, (int) Math.round(rect.getHeight() * density));
    BufferedImage scaled = ImageScaling.resize(image, textureWidth, textureHeight, BufferedImage.TYPE_INT_ARGB);
    int[] texels = scaled.getRGB(0, 0, textureWidth, textureHeight, null, 0, textureWidth);
    if (tint != null) {
      StyleTint.apply(texels, tint);
    }
    return new LayerTexture(texels, textureWidth, textureHeight, rect.getX(), rect.getY(),
        textureWidth / rect.getWidth(), textureHeight / rect.getHeight(), depth, role, false);
  }

  /**
   * Texels per start-frame pixel: as fine as the closest frame magnifies the layer, but no finer than the source has
   * detail, and never coarser than the start frame.
   */
  private static double density(double depth, List<FrameCamera> cameras, double sourceDetail) {
    double magnification = 1;
    for (FrameCamera camera : cameras) {
      magnification = Math.max(magnification, camera.magnification(depth));
    }
    return Math.max(1, Math.min(Math.min(magnification, MAX_DENSITY), sourceDetail));
  }

  private static double budget(int width, int height) {
    return Math.min(MAX_TEXELS, MAX_TEXELS_IN_FRAMES * width * height);
  }

  private static void applyMask(int[] pixels, BufferedImage mask, int width, int height) {
    // Drawn into 8-bit grey, colour becomes plain luma and grey stays as it is (no gamma conversion either way).
    BufferedImage grey = ImageScaling.resize(mask, width, height, BufferedImage.TYPE_BYTE_GRAY);
    int[] values = grey.getRaster().getSamples(0, 0, width, height, 0, (int[]) null);
    for (int index = 0; index < pixels.length; index++) {
      int alpha = pixels[index] >>> 24;
      int masked = (alpha * values[index] + 127) / 255;
      pixels[index] = (masked << 24) | (pixels[index] & 0xFFFFFF);
    }
  }
}
