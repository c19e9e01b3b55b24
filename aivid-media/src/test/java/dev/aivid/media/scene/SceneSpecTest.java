package dev.aivid.media.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneSpecTest {

  private static final BufferedImage IMAGE = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);

  @Test
  void countsFramesFromSecondsAndRate() {
    assertThat(SceneSpec.builder(320, 180, 2, 12).build().frameCount()).isEqualTo(24);
    assertThat(SceneSpec.builder(320, 180, 1.5, 25).build().frameCount()).isEqualTo(38);
    assertThat(SceneSpec.builder(320, 180, 0.01, 24).build().frameCount()).isEqualTo(1);
  }

  @Test
  void defaultsToABurnInAndNothingElse() {
    SceneSpec spec = SceneSpec.builder(320, 180, 2, 12).build();

    assertThat(spec.burnIn()).isTrue();
    assertThat(spec.layers()).isEmpty();
    assertThat(spec.cameraPath()).isNull();
    assertThat(spec.palette()).isNull();
    assertThat(spec.toBuilder().build()).isEqualTo(spec);
  }

  @Test
  void refusesSizesTheEncoderCannotTake() {
    assertThatThrownBy(() -> SceneSpec.builder(321, 180, 2, 12).build()).hasMessageContaining("even");
    assertThatThrownBy(() -> SceneSpec.builder(8, 180, 2, 12).build()).hasMessageContaining("width");
    assertThatThrownBy(() -> SceneSpec.builder(320, 4000, 2, 12).build()).hasMessageContaining("height");
  }

  @Test
  void refusesDurationsAndRatesOutOfRange() {
    assertThatThrownBy(() -> SceneSpec.builder(320, 180, 0, 12).build()).hasMessageContaining("seconds");
    assertThatThrownBy(() -> SceneSpec.builder(320, 180, Double.NaN, 12).build()).hasMessageContaining("seconds");
    assertThatThrownBy(() -> SceneSpec.builder(320, 180, 61, 12).build()).hasMessageContaining("seconds");
    assertThatThrownBy(() -> SceneSpec.builder(320, 180, 2, 0).build()).hasMessageContaining("framesPerSecond");
    assertThatThrownBy(() -> SceneSpec.builder(320, 180, 2, 121).build()).hasMessageContaining("framesPerSecond");
  }

  @Test
  void refusesTooManyLayersAndBadBeats() {
    List<Layer> layers = Collections.nCopies(17, Layer.of(IMAGE, LayerRole.SUBJECT));
    assertThatThrownBy(() -> SceneSpec.builder(320, 180, 2, 12).layers(layers).build()).hasMessageContaining("layers");
    assertThatThrownBy(() -> SceneSpec.builder(320, 180, 2, 12).beatTimesSeconds(List.of(-1.0)).build())
        .hasMessageContaining("beat");
    assertThatThrownBy(() -> SceneSpec.builder(320, 180, 2, 12).beatTimesSeconds(List.of(Double.POSITIVE_INFINITY))
        .build()).hasMessageContaining("beat");
  }

  @Test
  void layersNeedAPositiveDepth() {
    assertThatThrownBy(() -> new Layer(IMAGE, LayerRole.SUBJECT, 0, null)).hasMessageContaining("depth");
    assertThatThrownBy(() -> new Layer(IMAGE, LayerRole.SUBJECT, Double.NaN, null)).hasMessageContaining("depth");
    assertThat(Layer.of(IMAGE, LayerRole.FOREGROUND).depth()).isEqualTo(LayerRole.FOREGROUND.defaultDepth());
  }
}
