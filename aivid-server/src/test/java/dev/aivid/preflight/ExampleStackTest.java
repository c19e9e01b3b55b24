package dev.aivid.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.assets.StackKind;
import dev.aivid.catalog.VideoSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The documented example in examples/night-courier: all twelve kinds, and it passes preflight. */
class ExampleStackTest {

  static Path exampleDirectory() {
    for (Path candidate : new Path[] {Path.of("..", "examples", "night-courier"), Path.of("examples", "night-courier")}) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("examples/night-courier not found from " + Path.of("").toAbsolutePath());
  }

  @Test
  void theExampleStackHasAllTwelveKindsAndPassesPreflightWithAReadableReport() {
    LocalStack.Loaded stack = LocalStack.load(java.util.List.of(exampleDirectory()), null, PreflightFixtures.JSON);
    assertThat(stack.entries().stream().map(entry -> entry.kind()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(StackKind.values()));
    assertThat(stack.seconds()).isEqualTo(6);
    assertThat(stack.mentions()).hasSize(10);

    PreflightReport report =
        PreflightFixtures.engine()
            .run(
                new PreflightRequest(
                    stack.prompt(),
                    stack.mentions(),
                    stack.seconds(),
                    VideoSize.parse(stack.size()).orElseThrow(),
                    stack.inputs(),
                    stack.models()));

    assertThat(report.passes()).isTrue();
    assertThat(report.recommendedModel()).isEqualTo("seedance-2.0");
    ModelReport seedance = report.model("seedance-2.0").orElseThrow();
    assertThat(seedance.verdict()).isEqualTo(ModelVerdict.OK);
    assertThat(seedance.fidelity()).isEqualTo(1.0);
    assertThat(seedance.capacity().kept()).hasSize(11);
    assertThat(seedance.passed()).extracting(Check::rule).contains("seedance.latent_overload", "cloth_desync");
    // Kling drops the rig and the depth map, cannot pair the mask with camera control, and the walk's
    // fastest stride crosses its 600 px/s mesh-bleeding limit at 720p.
    ModelReport kling = report.model("kling-v3").orElseThrow();
    assertThat(kling.verdict()).isEqualTo(ModelVerdict.WARNINGS);
    assertThat(kling.findings()).extracting(Finding::rule).contains("kling.mesh_bleeding", "capacity.exclusive", "input.dropped");

    String table = PreflightTable.render(report);
    assertThat(table)
        .contains("AIVid preflight: 6 s at 1280x720, 24 fps, 12 inputs")
        .contains("seedance-2.0 *")
        .contains("Recommended (*): Seedance 2.0")
        .contains("kling.mesh_bleeding")
        .contains("passed seedance.latent_overload");
    for (PreflightInput input : report.inputs()) {
      assertThat(table).contains(input.label());
    }
  }
}
