package dev.aivid.media.scene;

import static dev.aivid.media.scene.SceneFixtures.FOCAL;
import static dev.aivid.media.scene.SceneFixtures.HEIGHT;
import static dev.aivid.media.scene.SceneFixtures.WIDTH;
import static dev.aivid.media.scene.SceneFixtures.blue;
import static dev.aivid.media.scene.SceneFixtures.green;
import static dev.aivid.media.scene.SceneFixtures.red;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.media.TestMedia;
import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhParser;
import dev.aivid.media.camera.Vector3;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneRigTest {

  /**
   * A figure 1.9 units tall in its rest pose (spine end 0.9 above the hips, toe tips 1.0 below), hips held at 1.0 by
   * the root's position channels so the toes touch y = 0.
   */
  private static final String FIGURE = """
      HIERARCHY
      ROOT Hips
      {
        OFFSET 0 0 0
        CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
        JOINT Spine
        {
          OFFSET 0 0.5 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          End Site
          {
            OFFSET 0 0.4 0
          }
        }
        JOINT LeftLeg
        {
          OFFSET 0.15 0 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          JOINT LeftFoot
          {
            OFFSET 0 -0.9 0
            CHANNELS 3 Zrotation Xrotation Yrotation
            End Site
            {
              OFFSET 0 -0.1 0
            }
          }
        }
        JOINT RightLeg
        {
          OFFSET -0.15 0 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          JOINT RightFoot
          {
            OFFSET 0 -0.9 0
            CHANNELS 3 Zrotation Xrotation Yrotation
            End Site
            {
              OFFSET 0 -0.1 0
            }
          }
        }
      }
      MOTION
      """;
  private static final int CHANNELS = 21;
  private static final int FRAMES_PER_SECOND = 25;
  private static final Vector3 CAMERA = new Vector3(0, 1, 0);
  private static final Vector3 STANDING_SPOT = new Vector3(0, 0, -4);

  @TempDir
  Path directory;

  @Test
  void drawsTheSkeletonWhereForwardKinematicsPutsTheJoints() {
    SceneSpec spec = scene(standing(10));

    BufferedImage frame = new SceneRenderer().renderFrame(spec, 3);

    // The placed figure is the file's own (scale 1.9 / 1.9 = 1), so hips at (0, 1, -4), spine at (0, 1.5, -4), the
    // spine's end at (0, 1.9, -4), feet at (±0.15, 0.1, -4), plus points halfway along two bones: projected by hand
    // with f = 90 / tan 20°.
    assertRigAt(frame, 0, 1.0, -4);
    assertRigAt(frame, 0, 1.5, -4);
    assertRigAt(frame, 0, 1.9, -4);
    assertRigAt(frame, 0.15, 0.1, -4);
    assertRigAt(frame, -0.15, 0.1, -4);
    assertRigAt(frame, 0.15, 0.55, -4);
    assertRigAt(frame, -0.075, 1.0, -4);
    assertThat(isRig(frame.getRGB(60, 90))).isFalse();
    assertThat(isRig(frame.getRGB(200, 60))).isFalse();
  }

  @Test
  void rendersTheSameFramesForTheSameSpec() throws Exception {
    SceneSpec spec = scene(hop()).toBuilder().burnIn(true).shotName("hop").modelLabel("kling-v3").seed(9)
        .beatTimesSeconds(java.util.List.of(0.0, 0.5, 1.0)).negativeReferences(java.util.List.of("no crowd")).build();
    PreparedScene first = PreparedScene.prepare(spec);
    PreparedScene second = PreparedScene.prepare(spec);

    for (int frame = 0; frame < spec.frameCount(); frame += 5) {
      assertThat(TestMedia.pixels(second.frame(frame))).isEqualTo(TestMedia.pixels(first.frame(frame)));
    }
    Path one = directory.resolve("one.mp4");
    Path two = directory.resolve("two.mp4");
    new SceneRenderer().render(spec, one, (done, total) -> {});
    new SceneRenderer().render(spec, two, (done, total) -> {});
    assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
  }

  @Test
  void marksFeetOnTheGroundAndFlashesALanding() {
    SceneSpec spec = scene(hop());
    PreparedScene scene = PreparedScene.prepare(spec);

    BufferedImage standing = scene.frame(2);
    BufferedImage airborne = scene.frame(10);
    BufferedImage landed = scene.frame(17);

    assertThat(count(standing, SceneRigTest::isContact)).isPositive();
    assertThat(count(standing, SceneRigTest::isLanding)).isZero();
    assertThat(count(airborne, SceneRigTest::isContact)).isZero();
    assertThat(count(airborne, SceneRigTest::isLanding)).isZero();
    assertThat(count(landed, SceneRigTest::isLanding)).isPositive();
  }

  @Test
  void retimesTheClipToTheOutputFrameRate() {
    // The hop is authored at 25 fps and peaks on frame 10 (0.4 s); at 50 fps the peak is frame 20.
    SceneSpec fast = SceneSpec.builder(WIDTH, HEIGHT, 1.2, 50).burnIn(false)
        .cameraPath(SceneFixtures.still(CAMERA))
        .layer(Layer.of(SceneFixtures.flat(new Color(20, 20, 20)), LayerRole.BACKGROUND))
        .rig(new SceneRig(hop(), new RigPlacement(STANDING_SPOT, 0, 1.9)))
        .build();
    PreparedScene scene = PreparedScene.prepare(fast);

    double peak = topOfRig(scene.frame(20));
    assertThat(peak).isLessThan(topOfRig(scene.frame(10))).isLessThan(topOfRig(scene.frame(30)));
    double expectedTop = HEIGHT / 2.0 - FOCAL * (1.9 + 0.3 - 1) / 4;
    assertThat(peak).isCloseTo(expectedTop, org.assertj.core.api.Assertions.within(4.0));
  }

  private static SceneSpec scene(BvhClip clip) {
    return SceneSpec.builder(WIDTH, HEIGHT, 1.2, FRAMES_PER_SECOND)
        .burnIn(false)
        .cameraPath(SceneFixtures.still(CAMERA))
        .layer(Layer.of(SceneFixtures.flat(new Color(20, 20, 20)), LayerRole.BACKGROUND))
        .rig(new SceneRig(clip, new RigPlacement(STANDING_SPOT, 0, 1.9)))
        .build();
  }

  private static void assertRigAt(BufferedImage frame, double x, double y, double z) {
    double depth = -z;
    int screenX = (int) Math.floor(WIDTH / 2.0 + FOCAL * x / depth);
    int screenY = (int) Math.floor(HEIGHT / 2.0 - FOCAL * (y - CAMERA.y()) / depth);
    assertThat(isRig(frame.getRGB(screenX, screenY))).as("rig pixel at (%d, %d) for (%s, %s, %s)", screenX, screenY,
        x, y, z).isTrue();
  }

  private static boolean isRig(int rgb) {
    return blue(rgb) > 150 && green(rgb) > 150;
  }

  private static boolean isContact(int rgb) {
    return red(rgb) > 230 && green(rgb) > 120 && green(rgb) < 180 && blue(rgb) < 80;
  }

  private static boolean isLanding(int rgb) {
    return red(rgb) > 230 && green(rgb) > 215 && blue(rgb) < 110;
  }

  private static int count(BufferedImage image, IntPredicate test) {
    int count = 0;
    for (int rgb : TestMedia.pixels(image)) {
      if (test.test(rgb & 0xFFFFFF)) {
        count++;
      }
    }
    return count;
  }

  private static double topOfRig(BufferedImage image) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (isRig(image.getRGB(x, y))) {
          return y;
        }
      }
    }
    return image.getHeight();
  }

  private static BvhClip standing(int frames) {
    var motion = new StringBuilder(FIGURE)
        .append("Frames: ").append(frames).append('\n')
        .append("Frame Time: ").append(1.0 / FRAMES_PER_SECOND).append('\n');
    for (int frame = 0; frame < frames; frame++) {
      motion.append(line(1.0));
    }
    return BvhParser.parse(motion.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Stands for 4 frames, rises 0.3 by frame 10, is back down on frame 16 and stands until frame 29. */
  private static BvhClip hop() {
    int frames = 30;
    var motion = new StringBuilder(FIGURE)
        .append("Frames: ").append(frames).append('\n')
        .append("Frame Time: ").append(1.0 / FRAMES_PER_SECOND).append('\n');
    for (int frame = 0; frame < frames; frame++) {
      double lift = frame <= 4 || frame >= 16 ? 0 : 0.3 * Math.sin(Math.PI * (frame - 4) / 12.0);
      motion.append(line(1.0 + lift));
    }
    return BvhParser.parse(motion.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String line(double hipsHeight) {
    var values = new StringBuilder(String.format(Locale.ROOT, "0 %.6f 0", hipsHeight));
    for (int channel = 3; channel < CHANNELS; channel++) {
      values.append(" 0");
    }
    return values.append('\n').toString();
  }
}
