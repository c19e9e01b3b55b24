package dev.aivid.media.scene;

import static dev.aivid.media.scene.SceneFixtures.HEIGHT;
import static dev.aivid.media.scene.SceneFixtures.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.media.TestMedia;
import dev.aivid.media.palette.Colour;
import dev.aivid.media.palette.Palette;
import dev.aivid.media.palette.Palettes;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenePaletteTest {

  private static final Palette NIGHT = Palettes.read(
      "{\"colours\": [\"#0b1020\", \"#1f3a5f\", \"#c0392b\", \"#f5d76e\", \"#e8e8e8\"]}"
          .getBytes(StandardCharsets.UTF_8));
  /**
   * Decoded colours may differ from the painted ones by YUV 4:2:0 rounding and quantisation even inside flat areas;
   * measured differences stay below 10, and the nearest two palette colours are over 50 apart.
   */
  private static final double DECODED_DISTANCE = 20;
  private static final int FLAT_RADIUS = 4;

  @TempDir
  Path directory;

  @Test
  void gradesEveryPixelToAPaletteColour() {
    SceneSpec spec = gradedScene();
    Set<Integer> palette = paletteRgb();
    PreparedScene scene = PreparedScene.prepare(spec);

    for (int frame : new int[] {0, 11, 23}) {
      Set<Integer> seen = coloursOf(scene.frame(frame));
      assertThat(palette).containsAll(seen);
      assertThat(seen).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void theEncodedClipKeepsThePaletteColoursInFlatAreas() {
    SceneSpec spec = gradedScene();
    Path output = directory.resolve("graded.mp4");
    new SceneRenderer().render(spec, output, (done, total) -> {});
    List<BufferedImage> decoded = TestMedia.decodeFrames(output);
    PreparedScene scene = PreparedScene.prepare(spec);

    for (int frame : new int[] {0, 12, 23}) {
      BufferedImage exact = scene.frame(frame);
      int flatPixels = 0;
      for (int y = FLAT_RADIUS; y < HEIGHT - FLAT_RADIUS; y++) {
        for (int x = FLAT_RADIUS; x < WIDTH - FLAT_RADIUS; x++) {
          if (!flatAround(exact, x, y)) {
            continue;
          }
          flatPixels++;
          assertThat(distance(decoded.get(frame).getRGB(x, y), exact.getRGB(x, y)))
              .as("frame %d pixel (%d, %d)", frame, x, y).isLessThan(DECODED_DISTANCE);
        }
      }
      assertThat(flatPixels).isGreaterThan(WIDTH * HEIGHT / 2);
    }
  }

  private static SceneSpec gradedScene() {
    return SceneSpec.builder(WIDTH, HEIGHT, 2, 12)
        .burnIn(false)
        .prompt("slow push in")
        .layer(Layer.of(TestMedia.picture(WIDTH, HEIGHT), LayerRole.BACKGROUND))
        .layer(new Layer(SceneFixtures.flat(new Color(200, 60, 40)), LayerRole.SUBJECT, 6,
            SceneFixtures.maskOf(40, 100, 60, 50)))
        .palette(NIGHT)
        .build();
  }

  private static Set<Integer> paletteRgb() {
    Set<Integer> colours = new HashSet<>();
    for (Colour colour : NIGHT.colours()) {
      colours.add(colour.rgb());
    }
    return colours;
  }

  private static Set<Integer> coloursOf(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int rgb : TestMedia.pixels(image)) {
      colours.add(rgb & 0xFFFFFF);
    }
    return colours;
  }

  private static boolean flatAround(BufferedImage image, int x, int y) {
    int centre = image.getRGB(x, y);
    for (int dy = -FLAT_RADIUS; dy <= FLAT_RADIUS; dy++) {
      for (int dx = -FLAT_RADIUS; dx <= FLAT_RADIUS; dx++) {
        if (image.getRGB(x + dx, y + dy) != centre) {
          return false;
        }
      }
    }
    return true;
  }

  private static double distance(int first, int second) {
    double red = SceneFixtures.red(first) - SceneFixtures.red(second);
    double green = SceneFixtures.green(first) - SceneFixtures.green(second);
    double blue = SceneFixtures.blue(first) - SceneFixtures.blue(second);
    return Math.sqrt(red * red + green * green + blue * blue);
  }
}
