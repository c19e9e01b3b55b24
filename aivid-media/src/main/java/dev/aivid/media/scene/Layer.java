package dev.aivid.media.scene;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reference image placed in the scene as a billboard facing the start camera.
 *
 * <p>Footprint: a {@link LayerRole#BACKGROUND} layer, and any layer with a mask, fills the start camera's view at its
 * depth (the image cover-scaled to the frame; beyond the frame edges, revealed by camera moves, it continues as a
 * mirror image). A subject or foreground layer without a mask is a card of the image's own aspect ratio: subjects
 * 60 % of the frame height, standing at 92 % of the height and spread evenly across the width; foreground cards 45 %
 * high on the bottom edge, alternating left and right. Transparent pixels of the image (if it has alpha) stay
 * transparent.
 *
 * @param depth scene units in front of the start camera, positive; replaced by the depth map's value when the spec has
 *     one (see {@link SceneSpec#depthMap()})
 * @param mask greyscale, stretched over the start frame: white keeps the layer, black hides it (the layers behind show
 *     through), grey blends. It belongs to the layer, so it moves with the layer's parallax and is mirrored with it
 *     beyond the frame edges.
 */
public record Layer(BufferedImage image, LayerRole role, double depth, @Nullable BufferedImage mask) {

  public static final double MIN_DEPTH = 0.05;
  public static final double MAX_DEPTH = 10_000;

  public Layer {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(role, "role");
    if (!(depth >= MIN_DEPTH && depth <= MAX_DEPTH)) {
      throw new IllegalArgumentException("depth must be within " + MIN_DEPTH + ".." + MAX_DEPTH + ", was " + depth);
    }
  }

  /** At the role's default depth, without a mask. */
  public static Layer of(BufferedImage image, LayerRole role) {
    return new Layer(image, role, role.defaultDepth(), null);
  }

  /** At the role's default depth. */
  public static Layer of(BufferedImage image, LayerRole role, @Nullable BufferedImage mask) {
    return new Layer(image, role, role.defaultDepth(), mask);
  }

  boolean fillsView() {
    return role == LayerRole.BACKGROUND || mask != null;
  }
}
