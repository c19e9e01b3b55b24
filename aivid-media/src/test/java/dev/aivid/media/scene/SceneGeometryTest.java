package dev.aivid.media.scene;

import static dev.aivid.media.scene.SceneFixtures.EYE;
import static dev.aivid.media.scene.SceneFixtures.FOCAL;
import static dev.aivid.media.scene.SceneFixtures.HEIGHT;
import static dev.aivid.media.scene.SceneFixtures.WIDTH;
import static dev.aivid.media.scene.SceneFixtures.blue;
import static dev.aivid.media.scene.SceneFixtures.centroid;
import static dev.aivid.media.scene.SceneFixtures.flat;
import static dev.aivid.media.scene.SceneFixtures.green;
import static dev.aivid.media.scene.SceneFixtures.maskOf;
import static dev.aivid.media.scene.SceneFixtures.meanColour;
import static dev.aivid.media.scene.SceneFixtures.red;
import static dev.aivid.media.scene.SceneFixtures.withSquare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.TestMedia;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.Vector3;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Geometry read back from the encoded MP4 (decoded in-process by FFmpeg). Tolerance for marker positions: 1 px.
 * Sampling is nearest-texel, so each edge of a marker lands on a whole pixel and its centroid is off by at most
 * 0.5 px; H.264 blurs and rings around edges, but symmetrically, and thresholding halfway between marker and
 * surroundings keeps each edge within a quarter pixel at these bitrates, so 1 px bounds both with room to spare while
 * still catching a wrong focal length (1 % of the 35 px pan is 0.35 px only, but a wrong sign, axis or depth is tens
 * of pixels).
 */
class SceneGeometryTest {

  private static final int FRAMES_PER_SECOND = 12;
  private static final double SECONDS = 1;
  /** The last frame's time, so paths end exactly on it. */
  private static final double LAST_FRAME_SECONDS = (FRAMES_PER_SECOND * SECONDS - 1) / FRAMES_PER_SECOND;
  /**
   * Markers differ from their surroundings in luma, not only in colour: OpenH264 (as FFmpeg configures it, with
   * background detection) skips macroblocks whose luma barely changes, so an almost isoluminant red square on mid grey
   * moving 1 px per frame was measured lagging by up to 3 px in the decoded video.
   */
  private static final Color GREY = new Color(40, 40, 40);

  private final SceneRenderer renderer = new SceneRenderer();

  @TempDir
  Path directory;

  @Test
  void aCameraPanningRightMovesAMarkerLeftByTheFocalLengthTimesTheTangentOfTheYaw() {
    double panDegrees = -8;
    CameraPath path = SceneFixtures.linear(EYE, EYE, panDegrees, LAST_FRAME_SECONDS);
    BufferedImage backdrop = withSquare(flat(GREY), WIDTH / 2, HEIGHT / 2, 12, Color.WHITE);
    SceneSpec spec = spec(path).layer(new Layer(backdrop, LayerRole.BACKGROUND, 20, null)).build();

    List<BufferedImage> frames = TestMedia.decodeFrames(render(spec, "pan.mp4"));

    assertThat(frames).hasSize(12);
    PreparedScene scene = PreparedScene.prepare(spec);
    for (int frame : new int[] {0, 5, 11}) {
      double yaw = Math.toRadians(scene.pose(frame).yawDegrees());
      double[] marker = centroid(frames.get(frame), rgb -> green(rgb) > 170);
      assertThat(marker[0]).as("frame %d", frame).isCloseTo(WIDTH / 2.0 + FOCAL * Math.tan(yaw), within(1.0));
      assertThat(marker[1]).as("frame %d", frame).isCloseTo(HEIGHT / 2.0, within(1.0));
    }
    double[] last = centroid(frames.get(11), rgb -> green(rgb) > 170);
    assertThat(WIDTH / 2.0 - last[0]).isCloseTo(FOCAL * Math.tan(Math.toRadians(8)), within(1.0)).isGreaterThan(30);
  }

  @Test
  void aTruckMovesANearLayerMoreThanAFarOneInTheRatioOfTheirDepths() {
    double truck = 1;
    double far = 20;
    double near = 5;
    CameraPath path = SceneFixtures.linear(EYE, EYE.plus(new Vector3(truck, 0, 0)), 0, LAST_FRAME_SECONDS);
    BufferedImage farImage = withSquare(flat(GREY), 160, 50, 16, new Color(255, 50, 50));
    BufferedImage nearImage = withSquare(flat(GREY), 160, 124, 16, new Color(40, 220, 40));
    SceneSpec spec = spec(path)
        .layer(new Layer(farImage, LayerRole.BACKGROUND, far, null))
        .layer(new Layer(nearImage, LayerRole.SUBJECT, near, maskOf(120, 100, 80, 48)))
        .build();

    List<BufferedImage> frames = TestMedia.decodeFrames(render(spec, "truck.mp4"));

    double[] farStart = centroid(frames.getFirst(), SceneGeometryTest::isRed);
    double[] farEnd = centroid(frames.getLast(), SceneGeometryTest::isRed);
    double[] nearStart = centroid(frames.getFirst(), SceneGeometryTest::isGreen);
    double[] nearEnd = centroid(frames.getLast(), SceneGeometryTest::isGreen);
    double farShift = farEnd[0] - farStart[0];
    double nearShift = nearEnd[0] - nearStart[0];
    assertThat(farShift).isCloseTo(-FOCAL * truck / far, within(1.0));
    assertThat(nearShift).isCloseTo(-FOCAL * truck / near, within(1.0));
    assertThat(nearShift / farShift).isCloseTo(far / near, within(0.4));
    assertThat(nearEnd[1]).isCloseTo(nearStart[1], within(0.5));
  }

  @Test
  void aMaskHidesItsLayerWhereItIsBlackAndTheLayerBehindShowsThrough() {
    var orange = new Color(230, 140, 40);
    var blue = new Color(40, 60, 210);
    SceneSpec spec = spec(SceneFixtures.still(EYE))
        .layer(new Layer(flat(orange), LayerRole.BACKGROUND, 20, null))
        .layer(new Layer(flat(blue), LayerRole.SUBJECT, 5, maskOf(0, 0, WIDTH / 2, HEIGHT)))
        .build();

    BufferedImage frame = TestMedia.decodeFrames(render(spec, "mask.mp4")).get(6);

    assertColour(meanColour(frame, 16, 16, WIDTH / 2 - 32, HEIGHT - 32), blue);
    assertColour(meanColour(frame, WIDTH / 2 + 16, 16, WIDTH / 2 - 32, HEIGHT - 32), orange);
    BufferedImage exact = new SceneRenderer().renderFrame(spec, 6);
    assertThat(exact.getRGB(WIDTH / 2 - 1, 90) & 0xFFFFFF).isEqualTo(blue.getRGB() & 0xFFFFFF);
    assertThat(exact.getRGB(WIDTH / 2, 90) & 0xFFFFFF).isEqualTo(orange.getRGB() & 0xFFFFFF);
  }

  @Test
  void aMaskTravelsWithItsLayer() {
    var orange = new Color(230, 140, 40);
    var blue = new Color(40, 60, 210);
    CameraPath path = SceneFixtures.linear(EYE, EYE.plus(new Vector3(1, 0, 0)), 0, LAST_FRAME_SECONDS);
    SceneSpec spec = spec(path)
        .layer(new Layer(flat(orange), LayerRole.BACKGROUND, 20, null))
        .layer(new Layer(flat(blue), LayerRole.SUBJECT, 5, maskOf(0, 0, WIDTH / 2, HEIGHT)))
        .build();

    BufferedImage last = new SceneRenderer().renderFrame(spec, 11);

    // The mask edge at x = 160 on the near plane moves left by f·1/5 ≈ 49.5 px.
    int edge = (int) Math.round(WIDTH / 2.0 - FOCAL / 5);
    assertThat(last.getRGB(edge - 2, 90) & 0xFFFFFF).isEqualTo(blue.getRGB() & 0xFFFFFF);
    assertThat(last.getRGB(edge + 2, 90) & 0xFFFFFF).isEqualTo(orange.getRGB() & 0xFFFFFF);
  }

  private Path render(SceneSpec spec, String name) {
    Path output = directory.resolve(name);
    renderer.render(spec, output, (done, total) -> {});
    return output;
  }

  private static SceneSpec.Builder spec(CameraPath path) {
    return SceneSpec.builder(WIDTH, HEIGHT, SECONDS, FRAMES_PER_SECOND).burnIn(false).cameraPath(path);
  }

  private static boolean isRed(int rgb) {
    return red(rgb) > 150 && green(rgb) < 100;
  }

  private static boolean isGreen(int rgb) {
    return green(rgb) > 140 && red(rgb) < 100;
  }

  private static void assertColour(double[] actual, Color expected) {
    assertThat(actual[0]).isCloseTo(expected.getRed(), within(6.0));
    assertThat(actual[1]).isCloseTo(expected.getGreen(), within(6.0));
    assertThat(actual[2]).isCloseTo(expected.getBlue(), within(6.0));
    assertThat(blue(0)).isZero();
  }
}
