package dev.aivid.media.scene;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The preview overlay. Top left: shot name, the model it is routed to, timecode and frame counter, and a beat light
 * that is lit on the frame of each beat. Top right: frame rate and seed. Bottom left: negative references as
 * "avoid: …". Bottom edge: a timeline with a tick per beat and a playhead. Everything static is rasterised once.
 */
final class SceneBurnIn {

  static final Color ACCENT = new Color(255, 196, 64);
  private static final Color PLATE = new Color(0, 0, 0, 130);
  private static final Color BEAT_ON = new Color(255, 70, 70);
  private static final Color BEAT_OFF = new Color(90, 90, 90);

  private final int width;
  private final int height;
  private final int framesPerSecond;
  private final int frameCount;
  private final String counterFormat;
  private final Font counterFont;
  private final BufferedImage topLeft;
  private final BufferedImage topRight;
  private final @Nullable BufferedImage bottomLeft;
  private final BufferedImage timeline;
  private final int margin;
  private final int counterX;
  private final int counterBaseline;
  private final int beatLightX;
  private final int beatLightY;
  private final int beatLightSize;
  private final int timelineTop;
  private final boolean[] beatFrames;

  SceneBurnIn(SceneSpec spec) {
    width = spec.width();
    height = spec.height();
    framesPerSecond = spec.framesPerSecond();
    frameCount = spec.frameCount();
    int fontSize = Math.max(8, (int) Math.round(Math.min(width, height) * 0.032));
    var titleFont = new Font(Font.SANS_SERIF, Font.BOLD, fontSize);
    var labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, fontSize);
    counterFont = new Font(Font.MONOSPACED, Font.PLAIN, fontSize);
    margin = Math.max(2, fontSize * 2 / 3);
    int padding = Math.max(2, fontSize / 2);
    counterFormat = "%s  %0" + Integer.toString(frameCount).length() + "d/%d";

    var scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    Graphics2D measuring = styled(scratch.createGraphics());
    FontMetrics titleMetrics = measuring.getFontMetrics(titleFont);
    FontMetrics labelMetrics = measuring.getFontMetrics(labelFont);
    FontMetrics counterMetrics = measuring.getFontMetrics(counterFont);
    measuring.dispose();

    String title = spec.shotName().isBlank() ? "AIVid previz" : spec.shotName().strip();
    String model = spec.modelLabel().isBlank() ? "" : "\u2192 " + spec.modelLabel().strip();
    beatLightSize = Math.max(4, counterMetrics.getAscent() * 2 / 3);
    int counterWidth = counterMetrics.stringWidth(counter(frameCount - 1)) + beatLightSize + padding;
    int plateWidth = Math.min(width - 2 * margin, 2 * padding
        + Math.max(Math.max(titleMetrics.stringWidth(title), labelMetrics.stringWidth(model)), counterWidth));
    int lines = model.isEmpty() ? 2 : 3;
    int plateHeight = 2 * padding + titleMetrics.getHeight() + (lines - 1) * counterMetrics.getHeight();
    topLeft = plate(plateWidth, plateHeight, padding);
    Graphics2D graphics = styled(topLeft.createGraphics());
    try {
      int baseline = padding + titleMetrics.getAscent();
      graphics.setFont(titleFont);
      graphics.setColor(ACCENT);
      graphics.drawString(title, padding, baseline);
      if (!model.isEmpty()) {
        baseline += labelMetrics.getHeight();
        graphics.setFont(labelFont);
        graphics.setColor(Color.WHITE);
        graphics.drawString(model, padding, baseline);
      }
    } finally {
      graphics.dispose();
    }
    counterX = margin + padding;
    counterBaseline = margin + plateHeight - padding - counterMetrics.getDescent();
    beatLightX = margin + plateWidth - padding - beatLightSize;
    beatLightY = counterBaseline - counterMetrics.getAscent() / 2 - beatLightSize / 2;

    String rate = String.format(Locale.ROOT, "%d fps \u00b7 seed %d", framesPerSecond, spec.seed());
    topRight = textPlate(rate, labelFont, labelMetrics, padding, Color.WHITE);
    bottomLeft = spec.negativeReferences().isEmpty()
        ? null
        : textPlate("avoid: " + String.join(", ", spec.negativeReferences()), labelFont, labelMetrics, padding, ACCENT);

    beatFrames = new boolean[frameCount];
    List<Integer> ticks = new ArrayList<>();
    for (double beat : spec.beatTimesSeconds()) {
      int frame = (int) Math.floor(beat * framesPerSecond + 1e-9);
      if (frame < frameCount) {
        beatFrames[frame] = true;
        ticks.add(frame);
      }
    }
    int timelineHeight = Math.max(3, height / 60);
    timelineTop = height - timelineHeight;
    timeline = new BufferedImage(width, timelineHeight, BufferedImage.TYPE_INT_ARGB);
    Graphics2D bar = timeline.createGraphics();
    try {
      bar.setColor(PLATE);
      bar.fillRect(0, 0, width, timelineHeight);
      bar.setColor(ACCENT);
      for (int frame : ticks) {
        bar.fillRect(playheadX(frame), 0, Math.max(1, width / 320), timelineHeight);
      }
    } finally {
      bar.dispose();
    }
  }

  void drawOnto(Graphics2D graphics, int frameIndex) {
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    graphics.drawImage(topLeft, margin, margin, null);
    graphics.drawImage(topRight, width - margin - topRight.getWidth(), margin, null);
    if (bottomLeft != null) {
      graphics.drawImage(bottomLeft, margin, timelineTop - margin - bottomLeft.getHeight(), null);
    }
    graphics.drawImage(timeline, 0, timelineTop, null);
    graphics.setColor(Color.WHITE);
    graphics.fillRect(playheadX(frameIndex), timelineTop, Math.max(2, width / 240), height - timelineTop);
    graphics.setFont(counterFont);
    graphics.drawString(counter(frameIndex), counterX, counterBaseline);
    graphics.setColor(beatFrames[frameIndex] ? BEAT_ON : BEAT_OFF);
    graphics.fillOval(beatLightX, beatLightY, beatLightSize, beatLightSize);
  }

  private int playheadX(int frameIndex) {
    return frameCount <= 1 ? 0 : (int) Math.round((width - 2.0) * frameIndex / (frameCount - 1));
  }

  private String counter(int frameIndex) {
    return String.format(Locale.ROOT, counterFormat, timecode(frameIndex, framesPerSecond), frameIndex + 1, frameCount);
  }

  /** SMPTE-style non-drop timecode {@code HH:MM:SS:FF}. */
  static String timecode(int frameIndex, int framesPerSecond) {
    int totalSeconds = frameIndex / framesPerSecond;
    return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d",
        totalSeconds / 3600, (totalSeconds / 60) % 60, totalSeconds % 60, frameIndex % framesPerSecond);
  }

  private BufferedImage textPlate(String text, Font font, FontMetrics metrics, int padding, Color colour) {
    int plateWidth = Math.min(width - 2 * margin, metrics.stringWidth(text) + 2 * padding);
    BufferedImage image = plate(plateWidth, metrics.getHeight() + 2 * padding, padding);
    Graphics2D graphics = styled(image.createGraphics());
    try {
      graphics.setFont(font);
      graphics.setColor(colour);
      graphics.drawString(text, padding, padding + metrics.getAscent());
    } finally {
      graphics.dispose();
    }
    return image;
  }

  private static BufferedImage plate(int plateWidth, int plateHeight, int padding) {
    var image = new BufferedImage(Math.max(1, plateWidth), Math.max(1, plateHeight), BufferedImage.TYPE_INT_ARGB);
    Graphics2D graphics = styled(image.createGraphics());
    try {
      graphics.setColor(PLATE);
      graphics.fillRoundRect(0, 0, image.getWidth(), image.getHeight(), padding * 2, padding * 2);
    } finally {
      graphics.dispose();
    }
    return image;
  }

  private static Graphics2D styled(Graphics2D graphics) {
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    return graphics;
  }
}
