package dev.aivid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhParser;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPathReader;
import dev.aivid.media.camera.CameraPathWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ParseBenchTest {

  @Test
  void generatedBvhParsesAndTheNaiveScanReadsTheSameNumbers() {
    byte[] bvh = ParseBench.syntheticBvh(12, 50, 3);

    BvhClip clip = BvhParser.parse(bvh);
    List<Double> naive = new ArrayList<>();
    long count = ParseBench.naiveScan(bvh, naive::add);

    int channels = ParseBench.channelCount(12);
    assertThat(clip.skeleton().jointCount()).isEqualTo(12);
    assertThat(clip.motion().frameCount()).isEqualTo(50);
    assertThat(clip.motion().channelCount()).isEqualTo(channels);
    assertThat(count).isEqualTo(50L * channels).isEqualTo(naive.size());
    assertThat(naive).allSatisfy(value -> assertThat(value).isBetween(-180.0, 180.0));
  }

  @Test
  void fixedPointHasFourDecimals() {
    StringBuilder text = new StringBuilder();
    ParseBench.appendFixedPoint(text, -123_4567);
    text.append(' ');
    ParseBench.appendFixedPoint(text, 5);
    assertThat(text).hasToString("-123.4567 0.0005");
  }

  @Test
  void generatedCameraPathRoundTripsAtTheKeyframeCap() {
    CameraPath path = ParseBench.syntheticCameraPath(CameraPath.MAX_KEYFRAMES, 11);

    CameraPath read = CameraPathReader.read(CameraPathWriter.write(path));

    assertThat(read.keyframes()).hasSize(CameraPath.MAX_KEYFRAMES);
    assertThat(read.durationSeconds()).isLessThanOrEqualTo(CameraPath.MAX_DURATION_SECONDS);
  }

  @Test
  void medianOfOddAndEvenRunsAndOptions() {
    assertThat(ParseBench.Timing.median(new double[] {5, 1, 3, 9, 7})).isEqualTo(5.0);
    assertThat(ParseBench.Timing.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(ParseBench.Options.parse(List.of()).bvhFrames()).isEqualTo(ParseBench.DEFAULT_FRAMES);
    assertThat(ParseBench.Options.parse(List.of("--quick")).bvhFrames()).isEqualTo(ParseBench.QUICK_FRAMES);
    assertThat(ParseBench.Options.parse(List.of("--frames", "123")).bvhFrames()).isEqualTo(123);
    assertThatThrownBy(() -> ParseBench.Options.parse(List.of("--bogus")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
