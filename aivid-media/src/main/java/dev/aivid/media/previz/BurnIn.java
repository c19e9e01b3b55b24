package dev.aivid.media.previz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** The corner slate: "AIVid previz", timecode and frame counter; the static part is rasterised once. */
final class BurnIn {

  static final String LABEL = "AIVid previz";

  private final int framesPerSecond;
  private final int frameCount;
  private final String counterFormat;
  private final Font counterFont;
  private final BufferedImage plate;
  private final int margin;
  private final int counterX;
  private final int counterBaseline;

  BurnIn(int width, int height, int framesPerSecond, int frameCount) {
    this.framesPerSecond = framesPerSecond;
    this.frameCount = frameCount;
    int digits = Integer.toString(frameCount).length();
    this.counterFormat = "%s  %0" + digits + "d/%d";
    int fontSize = Math.max(8, (int) Math.round(Math.min(width, height) * 0.032));
    var labelFont = new Font(Font.SANS_SERIF, Font.BOLD, fontSize);
    this.counterFont = new Font(Font.MONOSPACED, Font.PLAIN, fontSize);
    this.margin = Math.max(2, fontSize * 2 / 3);
    int padding = Math.max(2, fontSize / 2);

    var scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    Graphics2D measuring = styled(scratch.createGraphics());
    FontMetrics labelMetrics = measuring.getFontMetrics(labelFont);
    FontMetrics counterMetrics = measuring.getFontMetrics(counterFont);
    measuring.dispose();
    int plateWidth = Math.max(labelMetrics.stringWidth(LABEL), counterMetrics.stringWidth(counter(frameCount - 1))) + 2 * padding;
    int plateHeight = labelMetrics.getHeight() + counterMetrics.getHeight() + 2 * padding;

    this.plate = new BufferedImage(plateWidth, plateHeight, BufferedImage.TYPE_INT_ARGB);
    Graphics2D graphics = styled(plate.createGraphics());
    try {
      graphics.setColor(new Color(0, 0, 0, 130));
      graphics.fillRoundRect(0, 0, plateWidth, plateHeight, padding * 2, padding * 2);
      graphics.setFont(labelFont);
      graphics.setColor(new Color(255, 196, 64));
      graphics.drawString(LABEL, padding, padding + labelMetrics.getAscent());
    } finally {
      graphics.dispose();
    }
    this.counterX = margin + padding;
    this.counterBaseline = margin + padding + labelMetrics.getHeight() + counterMetrics.getAscent();
  }

  void drawOnto(Graphics2D graphics, int frameIndex) {
    graphics.drawImage(plate, margin, margin, null);
    graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    graphics.setFont(counterFont);
    graphics.setColor(Color.WHITE);
    graphics.drawString(counter(frameIndex), counterX, counterBaseline);
  }

  private String counter(int frameIndex) {
    return String.format(Locale.ROOT, counterFormat, Timecode.of(frameIndex, framesPerSecond), frameIndex + 1, frameCount);
  }

  private static Graphics2D styled(Graphics2D graphics) {
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    return graphics;
  }
}
