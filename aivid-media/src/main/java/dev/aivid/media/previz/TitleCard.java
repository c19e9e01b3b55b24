package dev.aivid.media.previz;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The prompt as a lower-third title on a translucent band, laid out and rasterised once per clip. */
final class TitleCard {

  private static final int MAX_LINES = 3;
  private static final Color BAND = new Color(0, 0, 0, 140);
  private static final Color SHADOW = new Color(0, 0, 0, 170);

  private final @Nullable BufferedImage card;
  private final int left;
  private final int top;

  private TitleCard(@Nullable BufferedImage card, int left, int top) {
    this.card = card;
    this.left = left;
    this.top = top;
  }

  static TitleCard layout(String prompt, int width, int height) {
    if (prompt.isBlank()) {
      return new TitleCard(null, 0, 0);
    }
    int fontSize = Math.max(8, (int) Math.round(Math.min(width, height) * 0.052));
    var font = new Font(Font.SANS_SERIF, Font.BOLD, fontSize);
    int paddingX = Math.round(fontSize * 0.8f);
    int paddingY = Math.round(fontSize * 0.45f);
    int maxTextWidth = Math.max(1, (int) (width * 0.84) - 2 * paddingX);

    var scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    Graphics2D measuring = styled(scratch.createGraphics(), font);
    FontMetrics metrics = measuring.getFontMetrics();
    List<String> lines = TextWrap.lines(prompt, metrics, maxTextWidth, MAX_LINES);
    measuring.dispose();

    int textWidth = lines.stream().mapToInt(metrics::stringWidth).max().orElse(0);
    int cardWidth = Math.min(width, textWidth + 2 * paddingX);
    int cardHeight = Math.min(height, lines.size() * metrics.getHeight() + 2 * paddingY);
    var card = new BufferedImage(cardWidth, cardHeight, BufferedImage.TYPE_INT_ARGB);
    Graphics2D graphics = styled(card.createGraphics(), font);
    try {
      graphics.setColor(BAND);
      graphics.fillRoundRect(0, 0, cardWidth, cardHeight, fontSize, fontSize);
      int shadowOffset = Math.max(1, fontSize / 16);
      int baseline = paddingY + metrics.getAscent();
      for (String line : lines) {
        int x = (cardWidth - metrics.stringWidth(line)) / 2;
        graphics.setColor(SHADOW);
        graphics.drawString(line, x + shadowOffset, baseline + shadowOffset);
        graphics.setColor(Color.WHITE);
        graphics.drawString(line, x, baseline);
        baseline += metrics.getHeight();
      }
    } finally {
      graphics.dispose();
    }
    int top = Math.max(0, (int) Math.round(height * 0.9) - cardHeight);
    return new TitleCard(card, (width - cardWidth) / 2, top);
  }

  void drawOnto(Graphics2D graphics, float opacity) {
    if (card == null || opacity <= 0) {
      return;
    }
    var previous = graphics.getComposite();
    graphics.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, Math.min(1f, opacity)));
    graphics.drawImage(card, left, top, null);
    graphics.setComposite(previous);
  }

  private static Graphics2D styled(Graphics2D graphics, Font font) {
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    graphics.setFont(font);
    return graphics;
  }
}
