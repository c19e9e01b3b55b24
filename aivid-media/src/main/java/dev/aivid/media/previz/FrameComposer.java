package dev.aivid.media.previz;

import dev.aivid.media.internal.ImageScaling;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Paints frame N of a previz clip; everything that does not move is prepared once in the constructor. */
final class FrameComposer {

  static final int CANVAS_TYPE = BufferedImage.TYPE_3BYTE_BGR;

  private static final double TITLE_FADE_SECONDS = 0.6;

  private final PrevizSpec spec;
  private final BufferedImage backdrop;
  private final CameraMove camera;
  private final TitleCard title;
  private final BurnIn burnIn;

  FrameComposer(PrevizSpec spec) {
    this.spec = spec;
    var firstFrame = spec.firstFrame();
    this.backdrop = firstFrame != null
        ? ImageScaling.cover(firstFrame, spec.width(), spec.height(), CANVAS_TYPE)
        : GeneratedBackdrop.paint(spec.width(), spec.height(), spec.seed(), CANVAS_TYPE);
    this.camera = CameraMove.seeded(spec.seed());
    this.title = TitleCard.layout(spec.prompt(), spec.width(), spec.height());
    this.burnIn = new BurnIn(spec.width(), spec.height(), spec.framesPerSecond(), spec.frameCount());
  }

  BufferedImage newCanvas() {
    return new BufferedImage(spec.width(), spec.height(), CANVAS_TYPE);
  }

  /** Paints frame {@code frameIndex} into {@code canvas}, which must come from {@link #newCanvas()}. */
  void compose(int frameIndex, BufferedImage canvas) {
    double progress = spec.frameCount() == 1 ? 0 : frameIndex / (double) (spec.frameCount() - 1);
    AffineTransform view = camera.at(progress, spec.width(), spec.height());
    Graphics2D graphics = canvas.createGraphics();
    try {
      if (view.isIdentity()) {
        graphics.drawImage(backdrop, 0, 0, null);
      } else {
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(backdrop, view, null);
      }
      title.drawOnto(graphics, titleOpacity(frameIndex));
      // The reference image is promised as the first frame, so nothing may cover it there.
      boolean pristineFirstFrame = frameIndex == 0 && spec.firstFrame() != null;
      if (!pristineFirstFrame) {
        burnIn.drawOnto(graphics, frameIndex);
      }
    } finally {
      graphics.dispose();
    }
  }

  private float titleOpacity(int frameIndex) {
    double fade = Math.clamp(frameIndex / (spec.framesPerSecond() * TITLE_FADE_SECONDS), 0.0, 1.0);
    return (float) (fade * fade * (3 - 2 * fade));
  }
}
