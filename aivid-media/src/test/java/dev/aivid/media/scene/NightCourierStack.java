package dev.aivid.media.scene;

import dev.aivid.media.bvh.BvhParser;
import dev.aivid.media.camera.CameraPathReader;
import dev.aivid.media.image.Images;
import dev.aivid.media.mask.Masks;
import dev.aivid.media.palette.Palettes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository's twelve-kind example stack (examples/night-courier) read from its files and turned into a scene the
 * way the server is expected to: @Image1 is the subject, restricted to @Mask1; @Depth1 sets depths; @Rig1 walks in
 * the world of @Camera1; @Style1 tints; @Palette1 grades; @Negative1 is listed; @Audio1's 120 bpm gives the beats;
 * @FrameRate1 and @Seed1 are 24 and 42. @Video1 is read but has no part in the scene.
 */
final class NightCourierStack {

  static final Path DIRECTORY = Path.of("..", "examples", "night-courier");

  private NightCourierStack() {}

  static boolean available() {
    return Files.isDirectory(DIRECTORY);
  }

  /** Reads and decodes all files, then builds the spec; everything a render request would do before rendering. */
  static SceneSpec load(int width, int height, double seconds, int framesPerSecond) {
    byte[] video = read("framing-reference.mp4");
    byte[] audio = read("footsteps.wav");
    if (video.length == 0 || audio.length == 0) {
      throw new IllegalStateException("empty example media");
    }
    var courier = Images.decode(read("courier.png"));
    var depth = Masks.readDepth(read("street-depth.png"), width, height);
    var walk = BvhParser.parse(read("courier-walk.bvh"));
    var style = Images.decode(read("ink-style.jpg"));
    var path = CameraPathReader.read(read("side-track.json"));
    var negative = Images.decode(read("no-neon.png"));
    var mask = Images.decode(read("walk-mask.png"));
    var palette = Palettes.read(read("night-palette.json"));
    List<Double> beats = new java.util.ArrayList<>();
    for (double beat = 0; beat < seconds; beat += 0.5) {
      beats.add(beat);
    }
    return SceneSpec.builder(width, height, seconds, framesPerSecond)
        .seed(42)
        .prompt("@Image1 for character: a courier in a red jacket walks a rain-slicked street at night")
        .shotName("night-courier")
        .modelLabel("seedance-2.0")
        .layer(Layer.of(courier, LayerRole.SUBJECT, mask))
        .depthMap(depth)
        .cameraPath(path)
        .rig(SceneRig.of(walk))
        .styleTint(StyleTint.of(style))
        .palette(palette)
        .negativeReferences(List.of("no-neon (" + negative.getWidth() + "x" + negative.getHeight() + ")"))
        .beatTimesSeconds(beats)
        .build();
  }

  private static byte[] read(String name) {
    try {
      return Files.readAllBytes(DIRECTORY.resolve(name));
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
