package dev.aivid.media.palette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import dev.aivid.media.mask.LosslessWebp;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PalettesTest {

  private static final Colour RED = new Colour(200, 40, 40);
  private static final Colour BLUE = new Colour(30, 120, 200);
  private static final Colour YELLOW = new Colour(240, 220, 90);

  @Test
  void readsAJsonListOfHexColoursInEveryAcceptedSpelling() {
    Palette palette = Palettes.read(resource("brand.json"));

    assertThat(palette.format()).isEqualTo(PaletteFormat.JSON);
    assertThat(palette.name()).isNull();
    assertThat(palette.colours()).extracting(Colour::hex).containsExactly("#ff8800", "#0088ff", "#1a2b3c", "#ffffff");
    assertThat(palette.swatches()).allSatisfy(swatch -> assertThat(swatch.weight()).isEqualTo(0.25));
  }

  @Test
  void readsANamedJsonPalette() {
    Palette palette = Palettes.read(resource("named.json"));

    assertThat(palette.name()).isEqualTo("Brand");
    assertThat(palette.colours()).containsExactly(new Colour(0, 0, 0), new Colour(255, 0, 0));
    assertThat(Palettes.read(utf8("\uFEFF {\"colors\": [\"abc\"]}")).colours()).containsExactly(new Colour(0xAA, 0xBB, 0xCC));
  }

  @Test
  void readsAGimpPaletteWithNamesCommentsAndBlankLines() {
    Palette palette = Palettes.read(resource("sunset.gpl"));

    assertThat(palette.format()).isEqualTo(PaletteFormat.GIMP);
    assertThat(palette.name()).isEqualTo("AIVid sunset");
    assertThat(palette.colours()).containsExactly(
        new Colour(255, 136, 0), new Colour(0, 34, 68), new Colour(250, 240, 230), new Colour(17, 119, 187));
    assertThat(palette.swatches()).extracting(Swatch::name)
        .containsExactly("Sunset orange", "Deep navy", null, "Sky blue with spaces");
  }

  @Test
  void readsAGimpPaletteWithWindowsLineEndingsAndAByteOrderMark() {
    Palette palette = Palettes.read(utf8("\uFEFFGIMP Palette\r\nName: x\r\nColumns: 0\r\n1 2 3 one\r\n"));

    assertThat(palette.colours()).containsExactly(new Colour(1, 2, 3));
    assertThat(palette.swatches().getFirst().name()).isEqualTo("one");
  }

  @Test
  void rejectsBadListedPalettes() {
    assertFails("[]", PaletteErrors.EMPTY, "no colours");
    assertFails("{\"name\": \"x\", \"colours\": []}", PaletteErrors.EMPTY, "no colours");
    assertFails(json(65), PaletteErrors.TOO_MANY_COLOURS, "65 colours exceed the limit of 64");
    assertFails("[\"#ff880\"]", PaletteErrors.INVALID_COLOUR, "colour 0 \"#ff880\" is not 3 or 6 hex digits");
    assertFails("[\"#fff\", \"#ff8800aa\"]", PaletteErrors.INVALID_COLOUR, "colour 1");
    assertFails("[\"red\"]", PaletteErrors.INVALID_COLOUR, "\"red\"");
    assertFails("[\" #fff\"]", PaletteErrors.INVALID_COLOUR, "colour 0");
    assertFails("[123]", PaletteErrors.INVALID_COLOUR, "must be a hex string such as \"#ff8800\", was number");
    assertFails("[\"#fff\",]", PaletteErrors.SYNTAX, "expected a value");
    assertFails("{\"colours\": [\"#fff\"], \"colors\": [\"#000\"]}", PaletteErrors.SYNTAX, "exactly one of colours or colors");
    assertFails("{\"colours\": [\"#fff\"], \"extra\": 1}", PaletteErrors.SYNTAX, "unknown member extra");
    assertFails("\"#fff\"", PaletteErrors.SYNTAX, "not a palette");
    assertFails("GIMP Palette\nName: empty\n# nothing\n", PaletteErrors.EMPTY, "no colours");
    assertFails("GIMP Palette\n256 0 0\n", PaletteErrors.INVALID_COLOUR, "line 2: channel 256 is outside 0..255");
    assertFails("GIMP Palette\n1 -2 3\n", PaletteErrors.INVALID_COLOUR, "channel -2");
    assertFails("GIMP Palette\n12 a 3\n", PaletteErrors.SYNTAX, "line 2: expected \"R G B [name]\"");
    assertFails("GIMP Palette\nColumns: many\n1 2 3\n", PaletteErrors.SYNTAX, "Columns must be a number");
    assertFails(gimp(65), PaletteErrors.TOO_MANY_COLOURS, "line 66: more than 64 colours");
    assertFails("\nGIMP Palette\n1 2 3\n", PaletteErrors.SYNTAX, "not a palette");
    assertFails("GIF89a", PaletteErrors.SYNTAX, "not a palette");
    assertFails("", PaletteErrors.SYNTAX, "no palette bytes");
    assertThatThrownBy(() -> Palettes.read(new byte[] {'G', 'I', 'M', 'P', ' ', 'P', 'a', 'l', 'e', 't', 't', 'e', '\n', (byte) 0xFF}))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo(PaletteErrors.SYNTAX));
  }

  @Test
  void keepsTheImageCodesForAnUndecodableImage() {
    byte[] png = TestMedia.encode(blocks(60, 30), "png");
    byte[] truncated = Arrays.copyOf(png, 40);

    assertThatThrownBy(() -> Palettes.read(truncated))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("decode_failed"));
  }

  @Test
  void recoversThreeColourBlocksFromAPngInSizeOrder() {
    byte[] png = TestMedia.encode(blocks(120, 60), "png");

    Palette palette = Palettes.read(png);

    assertThat(palette.format()).isEqualTo(PaletteFormat.IMAGE);
    // Six clusters were asked for, but the image has only three colours.
    assertThat(palette.colours()).containsExactly(RED, BLUE, YELLOW);
    assertThat(palette.swatches()).extracting(Swatch::weight).containsExactly(0.5, 1.0 / 3, 1.0 / 6);
  }

  @Test
  void clusteringIsDeterministicForASeedAndSubsamplesLargeImages() {
    BufferedImage image = noisy(blocks(900, 600), 3);
    byte[] png = TestMedia.encode(image, "png");
    var options = new PaletteOptions(3, 42, PaletteOptions.DEFAULT_MAX_SAMPLED_PIXELS);

    Palette first = Palettes.read(png, options);
    Palette second = Palettes.read(png, options);
    Palette otherSeed = Palettes.read(png, new PaletteOptions(3, 7, PaletteOptions.DEFAULT_MAX_SAMPLED_PIXELS));

    assertThat(second).isEqualTo(first);
    assertWithinTwo(first.colours(), List.of(RED, BLUE, YELLOW));
    assertWithinTwo(otherSeed.colours(), List.of(RED, BLUE, YELLOW));
    assertThat(first.swatches().get(0).weight()).isCloseTo(0.5, within(0.02));
    assertThat(first.swatches().get(1).weight()).isCloseTo(1.0 / 3, within(0.02));
    assertThat(first.swatches().get(2).weight()).isCloseTo(1.0 / 6, within(0.02));
  }

  @Test
  void recoversTheBlocksAsTheJpegStoresThem() throws IOException {
    byte[] jpeg = TestMedia.encode(blocks(480, 240), "jpeg");
    // JPEG itself shifts flat colours by a level or three (yellow decodes as 240, 219, 92), so the reference is the
    // decoded centre of each block.
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
    List<Colour> stored = List.of(
        Colour.fromRgb(decoded.getRGB(120, 120)), Colour.fromRgb(decoded.getRGB(320, 120)), Colour.fromRgb(decoded.getRGB(440, 120)));

    Palette palette = Palettes.read(jpeg, new PaletteOptions(3, 1, PaletteOptions.DEFAULT_MAX_SAMPLED_PIXELS));

    assertWithinTwo(palette.colours(), stored);
    assertWithinFour(stored, List.of(RED, BLUE, YELLOW));
  }

  @Test
  void recoversTheBlocksFromALosslessWebp() {
    assumeThat(LosslessWebp.encoderAvailable()).as("libwebp encoder").isTrue();
    byte[] webp = LosslessWebp.encode(LosslessWebp.bgr(blocks(120, 60)));

    assertThat(Palettes.read(webp).colours()).containsExactly(RED, BLUE, YELLOW);
  }

  @Test
  void fewerClustersMergeTheClosestColours() {
    Palette palette = Palettes.fromImage(blocks(120, 60), new PaletteOptions(1, 0, 1000));

    assertThat(palette.swatches()).hasSize(1);
    assertThat(palette.swatches().getFirst().weight()).isEqualTo(1.0);
  }

  /** Three vertical blocks: red half, blue third, yellow sixth of the width. */
  private static BufferedImage blocks(int width, int height) {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(new Color(RED.rgb()));
    graphics.fillRect(0, 0, width / 2, height);
    graphics.setColor(new Color(BLUE.rgb()));
    graphics.fillRect(width / 2, 0, width / 3, height);
    graphics.setColor(new Color(YELLOW.rgb()));
    graphics.fillRect(width / 2 + width / 3, 0, width - width / 2 - width / 3, height);
    graphics.dispose();
    return image;
  }

  /** Adds deterministic noise of up to ±amplitude to every channel, so no two pixels need share a colour. */
  private static BufferedImage noisy(BufferedImage image, int amplitude) {
    var random = new SplittableRandom(5);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int red = Math.clamp(((rgb >> 16) & 0xFF) + random.nextInt(-amplitude, amplitude + 1), 0, 255);
        int green = Math.clamp(((rgb >> 8) & 0xFF) + random.nextInt(-amplitude, amplitude + 1), 0, 255);
        int blue = Math.clamp((rgb & 0xFF) + random.nextInt(-amplitude, amplitude + 1), 0, 255);
        image.setRGB(x, y, (red << 16) | (green << 8) | blue);
      }
    }
    return image;
  }

  private static void assertWithinTwo(List<Colour> actual, List<Colour> expected) {
    assertWithin(actual, expected, 2);
  }

  private static void assertWithinFour(List<Colour> actual, List<Colour> expected) {
    assertWithin(actual, expected, 4);
  }

  private static void assertWithin(List<Colour> actual, List<Colour> expected, int tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int index = 0; index < expected.size(); index++) {
      Colour colour = actual.get(index);
      Colour wanted = expected.get(index);
      assertThat(colour.red()).as("red of colour %d", index).isCloseTo(wanted.red(), within(tolerance));
      assertThat(colour.green()).as("green of colour %d", index).isCloseTo(wanted.green(), within(tolerance));
      assertThat(colour.blue()).as("blue of colour %d", index).isCloseTo(wanted.blue(), within(tolerance));
    }
  }

  private static String json(int count) {
    var entries = new StringBuilder("[");
    for (int index = 0; index < count; index++) {
      entries.append(index == 0 ? "" : ",").append("\"#000\"");
    }
    return entries.append(']').toString();
  }

  private static String gimp(int count) {
    return "GIMP Palette\n" + "0 0 0\n".repeat(count);
  }

  private static void assertFails(String text, String code, String messagePart) {
    assertThatThrownBy(() -> Palettes.read(utf8(text)))
        .isInstanceOfSatisfying(MediaException.class, failure -> {
          assertThat(failure.code()).isEqualTo(code);
          assertThat(failure.getMessage()).contains(messagePart);
        });
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] resource(String name) {
    try (InputStream stream = PalettesTest.class.getResourceAsStream("/palette/" + name)) {
      if (stream == null) {
        throw new IllegalStateException("missing test resource palette/" + name);
      }
      return stream.readAllBytes();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
