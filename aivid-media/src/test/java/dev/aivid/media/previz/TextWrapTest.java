package dev.aivid.media.previz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextWrapTest {

  private static final FontMetrics METRICS = metrics();

  @Test
  void keepsAShortPromptOnOneLine() {
    assertThat(TextWrap.lines("  a red   fox ", METRICS, 400, 3)).containsExactly("a red fox");
  }

  @Test
  void wrapsALongPromptIntoAtMostThreeLinesEndingInAnEllipsis() {
    String prompt = "a slow dolly shot ".repeat(40);

    List<String> lines = TextWrap.lines(prompt, METRICS, 200, 3);

    assertThat(lines).hasSize(3);
    assertThat(lines).allSatisfy(line -> assertThat(METRICS.stringWidth(line)).isLessThanOrEqualTo(200));
    assertThat(lines.getLast()).endsWith("\u2026");
  }

  @Test
  void breaksAWordThatIsWiderThanTheLine() {
    List<String> lines = TextWrap.lines("x".repeat(60), METRICS, 100, 3);

    assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(METRICS.stringWidth(line)).isLessThanOrEqualTo(100));
  }

  @Test
  void givesNoLinesForABlankPrompt() {
    assertThat(TextWrap.lines(" \n ", METRICS, 100, 3)).isEmpty();
  }

  private static FontMetrics metrics() {
    var graphics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
    FontMetrics metrics = graphics.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    graphics.dispose();
    return metrics;
  }
}
