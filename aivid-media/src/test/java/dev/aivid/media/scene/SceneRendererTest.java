package dev.aivid.media.scene;

import static dev.aivid.media.scene.SceneFixtures.EYE;
import static dev.aivid.media.scene.SceneFixtures.FOCAL;
import static dev.aivid.media.scene.SceneFixtures.HEIGHT;
import static dev.aivid.media.scene.SceneFixtures.WIDTH;
import static dev.aivid.media.scene.SceneFixtures.centroid;
import static dev.aivid.media.scene.SceneFixtures.flat;
import static dev.aivid.media.scene.SceneFixtures.green;
import static dev.aivid.media.scene.SceneFixtures.red;
import static dev.aivid.media.scene.SceneFixtures.withSquare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.Vector3;
import dev.aivid.media.mask.DepthMap;
import dev.aivid.media.mask.Masks;
import dev.aivid.media.palette.Colour;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.previz.RenderProgress;
import dev.aivid.media.probe.VideoProbe;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneRendererTest {

  private static final Color GREY = new Color(40, 40, 40);

  private final SceneRenderer renderer = new SceneRenderer();

  @TempDir
  Path directory;

  @Test
  void writesAnH264Mp4WithTheRequestedSizeRateAndFrameCount() throws IOException {
    Path output = directory.resolve("scene.mp4");

    SceneRenderTimings timings = renderer.render(
        SceneSpec.builder(320, 180, 2, 12).prompt("pan left").shotName("shot 1").build(), output, (done, total) -> {});

    VideoInfo info = VideoProbe.probe(output);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(320);
    assertThat(info.height()).isEqualTo(180);
    assertThat(info.frameCount()).isEqualTo(24);
    assertThat(info.framesPerSecond()).isCloseTo(12.0, within(0.01));
    assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.1));
    assertThat(timings.frameCount()).isEqualTo(24);
    assertThat(timings.firstFrameMillis()).isPositive().isLessThanOrEqualTo(timings.totalMillis());
    String boxes = new String(Files.readAllBytes(output), StandardCharsets.ISO_8859_1);
    assertThat(boxes.indexOf("moov")).isPositive().isLessThan(boxes.indexOf("mdat"));
    assertThat(boxes).contains("seed 0").contains("shot 1");
  }

  @Test
  void reportsProgressOncePerFrame() {
    List<String> calls = new ArrayList<>();

    renderer.render(SceneSpec.builder(64, 36, 1, 5).build(), directory.resolve("progress.mp4"),
        (done, total) -> calls.add(done + "/" + total));

    assertThat(calls).containsExactly("1/5", "2/5", "3/5", "4/5", "5/5");
  }

  @Test
  void stopsAndLeavesNoFileWhenInterrupted() throws IOException {
    Path output = directory.resolve("cancelled.mp4");
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> renderer.render(SceneSpec.builder(320, 180, 2, 12).build(), output, (done, total) -> {}))
          .isInstanceOf(MediaException.class)
          .extracting(failure -> ((MediaException) failure).code()).isEqualTo("render_cancelled");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    try (var files = Files.list(directory)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void cancelsBetweenFramesAndDeletesThePartialFile() throws IOException {
    Path output = directory.resolve("cancelled-later.mp4");
    RenderProgress interruptAfterThree = (done, total) -> {
      if (done == 3) {
        Thread.currentThread().interrupt();
      }
    };
    try {
      assertThatThrownBy(() -> renderer.render(SceneSpec.builder(320, 180, 2, 12).build(), output, interruptAfterThree))
          .isInstanceOf(MediaException.class).hasMessageContaining("interrupted");
    } finally {
      Thread.interrupted();
    }
    try (var files = Files.list(directory)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theBurnInCoversOnlyTheCornersAndTheTimeline() {
    SceneSpec plain = still().layer(Layer.of(flat(GREY), LayerRole.BACKGROUND)).build();
    SceneSpec burnt = plain.toBuilder().burnIn(true).shotName("night-courier").modelLabel("seedance-2.0")
        .negativeReferences(List.of("no neon")).beatTimesSeconds(List.of(0.5)).build();

    BufferedImage without = renderer.renderFrame(plain, 3);
    BufferedImage with = renderer.renderFrame(burnt, 3);

    assertThat(TestMedia.meanAbsoluteDifference(with.getSubimage(0, 0, 100, 40), without.getSubimage(0, 0, 100, 40)))
        .isGreaterThan(5);
    assertThat(TestMedia.pixels(with.getSubimage(110, 60, 100, 60)))
        .isEqualTo(TestMedia.pixels(without.getSubimage(110, 60, 100, 60)));
  }

  @Test
  void theBeatLightIsLitOnBeatFramesOnly() {
    SceneSpec spec = still().burnIn(true).layer(Layer.of(flat(GREY), LayerRole.BACKGROUND))
        .beatTimesSeconds(List.of(0.25, 0.5)).build();
    PreparedScene scene = PreparedScene.prepare(spec);

    assertThat(countBeatLight(scene.frame(3))).isPositive();
    assertThat(countBeatLight(scene.frame(6))).isPositive();
    assertThat(countBeatLight(scene.frame(4))).isZero();
    assertThat(countBeatLight(scene.frame(0))).isZero();
  }

  @Test
  void paintsASeededBackdropWhenThereIsNoBackgroundLayer() {
    BufferedImage one = renderer.renderFrame(SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).seed(1).build(), 0);
    BufferedImage same = renderer.renderFrame(SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).seed(1).build(), 0);
    BufferedImage two = renderer.renderFrame(SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).seed(2).build(), 0);

    assertThat(TestMedia.pixels(same)).isEqualTo(TestMedia.pixels(one));
    assertThat(TestMedia.meanAbsoluteDifference(one, two)).isGreaterThan(10);
  }

  @Test
  void withoutAPathThePromptsPanLeftMovesTheSceneRight() {
    BufferedImage backdrop = withSquare(flat(GREY), WIDTH / 2, HEIGHT / 2, 12, Color.WHITE);
    SceneSpec spec = SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).prompt("Slow pan left over the valley")
        .layer(Layer.of(backdrop, LayerRole.BACKGROUND)).build();
    PreparedScene scene = PreparedScene.prepare(spec);

    double[] last = centroid(scene.frame(11), rgb -> green(rgb) > 170);

    double yaw = Math.toRadians(scene.pose(11).yawDegrees());
    assertThat(yaw).isPositive();
    assertThat(last[0]).isCloseTo(WIDTH / 2.0 + FOCAL * Math.tan(yaw), within(1.0)).isGreaterThan(WIDTH / 2.0 + 10);
  }

  @Test
  void theDepthMapDecidesHowFarALayerIs() {
    CameraPath truck = SceneFixtures.linear(EYE, EYE.plus(new Vector3(1, 0, 0)), 0, 1);
    BufferedImage backdrop = withSquare(flat(GREY), WIDTH / 2, HEIGHT / 2, 12, Color.WHITE);
    SceneSpec.Builder base = SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).cameraPath(truck)
        .layer(new Layer(backdrop, LayerRole.BACKGROUND, 10, null));

    double nearShift = shiftOfMarker(base.depthMap(uniformDepth(255)).build());
    double farShift = shiftOfMarker(base.depthMap(uniformDepth(0)).build());

    // White is near (2 units), black far (40): f·t/d with t = 11/12 of the truck on the last frame.
    assertThat(nearShift).isCloseTo(-FOCAL * (11 / 12.0) / SceneSpec.DEPTH_MAP_NEAR, within(1.0));
    assertThat(farShift).isCloseTo(-FOCAL * (11 / 12.0) / SceneSpec.DEPTH_MAP_FAR, within(1.0));
  }

  @Test
  void theStyleTintWashesLayersTowardsItsColour() {
    SceneSpec plain = still().layer(Layer.of(flat(new Color(128, 128, 128)), LayerRole.BACKGROUND)).build();
    SceneSpec tinted = plain.toBuilder().styleTint(new Colour(200, 60, 40)).build();

    int before = renderer.renderFrame(plain, 0).getRGB(160, 90);
    int after = renderer.renderFrame(tinted, 0).getRGB(160, 90);

    assertThat(red(before)).isEqualTo(green(before));
    assertThat(red(after)).isGreaterThan(red(before));
    assertThat(green(after)).isLessThan(green(before));
  }

  @Test
  void theStyleTintIsTheStyleReferencesMeanColour() {
    assertThat(StyleTint.of(flat(new Color(10, 100, 200)))).isEqualTo(new Colour(10, 100, 200));
  }

  @Test
  void anUnmaskedSubjectIsACardStandingInTheMiddle() {
    var subject = new BufferedImage(100, 200, BufferedImage.TYPE_INT_RGB);
    var graphics = subject.createGraphics();
    graphics.setColor(Color.RED);
    graphics.fillRect(0, 0, 100, 200);
    graphics.dispose();
    SceneSpec spec = still().layer(Layer.of(flat(GREY), LayerRole.BACKGROUND))
        .layer(Layer.of(subject, LayerRole.SUBJECT)).build();

    double[] card = centroid(renderer.renderFrame(spec, 0), rgb -> red(rgb) > 200);

    // 60 % of 180 high = 108, so 54 wide; bottom at 92 % = 165.6.
    assertThat(card[2]).isCloseTo(108 * 54, within(200.0));
    assertThat(card[0]).isCloseTo(WIDTH / 2.0, within(1.0));
    assertThat(card[1]).isCloseTo(165.6 - 54, within(1.0));
  }

  @Test
  void aLayerTheCameraPassesThroughDisappearsWithoutHarm() {
    var curtain = new Color(200, 40, 40);
    CameraPath push = SceneFixtures.linear(EYE, EYE.plus(new Vector3(0, 0, -3)), 0, 1);
    SceneSpec spec = SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).cameraPath(push)
        .layer(Layer.of(flat(GREY), LayerRole.BACKGROUND))
        .layer(new Layer(flat(curtain), LayerRole.FOREGROUND, 1.5, SceneFixtures.maskOf(0, 0, WIDTH, HEIGHT)))
        .build();
    PreparedScene scene = PreparedScene.prepare(spec);

    assertThat(scene.frame(0).getRGB(160, 90) & 0xFFFFFF).isEqualTo(curtain.getRGB() & 0xFFFFFF);
    assertThat(scene.frame(11).getRGB(160, 90) & 0xFFFFFF).isEqualTo(GREY.getRGB() & 0xFFFFFF);
  }

  @Test
  void aWidePanRevealsTheBackgroundsMirrorImageRatherThanBlack() {
    SceneSpec spec = SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).prompt("whip pan right")
        .layer(Layer.of(TestMedia.picture(WIDTH, HEIGHT), LayerRole.BACKGROUND)).build();
    PreparedScene scene = PreparedScene.prepare(spec);

    BufferedImage last = scene.frame(11);

    assertThat(scene.pose(11).yawDegrees()).isLessThan(-30);
    assertThat(TestMedia.pixels(last)).doesNotContain(0xFF000000);
  }

  @Test
  void turningAwayFromEveryLayerShowsTheBackgroundsSkyAndGroundColours() {
    CameraPath turn = SceneFixtures.linear(EYE, EYE, 150, 1);
    var sky = new Color(90, 140, 220);
    var ground = new Color(60, 50, 30);
    var backdrop = flat(ground);
    var graphics = backdrop.createGraphics();
    graphics.setColor(sky);
    graphics.fillRect(0, 0, WIDTH, HEIGHT / 2);
    graphics.dispose();
    SceneSpec spec = SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).cameraPath(turn)
        .layer(Layer.of(backdrop, LayerRole.BACKGROUND)).build();

    BufferedImage last = renderer.renderFrame(spec, 11);

    assertThat(last.getRGB(160, 10)).isEqualTo(sky.getRGB());
    assertThat(last.getRGB(160, 170)).isEqualTo(ground.getRGB());
    assertThat(last.getRGB(160, 89)).isEqualTo(sky.getRGB());
    assertThat(last.getRGB(160, 90)).isEqualTo(ground.getRGB());
  }

  private double shiftOfMarker(SceneSpec spec) {
    PreparedScene scene = PreparedScene.prepare(spec);
    return centroid(scene.frame(11), rgb -> green(rgb) > 170)[0] - centroid(scene.frame(0), rgb -> green(rgb) > 170)[0];
  }

  private static DepthMap uniformDepth(int grey) {
    var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    var graphics = image.createGraphics();
    graphics.setColor(new Color(grey, grey, grey));
    graphics.fillRect(0, 0, WIDTH, HEIGHT);
    graphics.dispose();
    return Masks.readDepth(TestMedia.encode(image, "png"), WIDTH, HEIGHT);
  }

  private static int countBeatLight(BufferedImage frame) {
    int count = 0;
    for (int rgb : TestMedia.pixels(frame.getSubimage(0, 0, WIDTH / 2, HEIGHT / 3))) {
      if (red(rgb) > 200 && green(rgb) < 110 && SceneFixtures.blue(rgb) < 110) {
        count++;
      }
    }
    return count;
  }

  private static SceneSpec.Builder still() {
    return SceneSpec.builder(WIDTH, HEIGHT, 1, 12).burnIn(false).cameraPath(SceneFixtures.still(EYE));
  }
}
