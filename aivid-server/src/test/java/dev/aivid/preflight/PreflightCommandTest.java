package dev.aivid.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.Main;
import dev.aivid.support.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code aivid preflight} runs on local files: no server, no database. */
class PreflightCommandTest {

  private record Run(int exitCode, String output, String errors) {}

  private static Run run(String... arguments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exitCode = new CommandLine(new Main(Map.of())).execute(arguments);
      return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private static String example() {
    return ExampleStackTest.exampleDirectory().toString();
  }

  @Test
  void theExampleDirectoryPrintsAReadableTable() {
    Run run = run("preflight", example());
    assertThat(run.exitCode()).as(run.errors()).isZero();
    assertThat(run.output())
        .contains("MODEL", "VERDICT", "CREDITS", "FIDELITY", "FINDINGS")
        .containsPattern("seedance-2\\.0 \\*\\s+warnings\\s+55\\.8\\s+40%\\s+9/12")
        .containsPattern("kling-v3\\s+warnings\\s+50\\.4")
        .contains("Recommended (*): Seedance 2.0 (seedance-2.0)")
        .contains("@Rig1 (courier-walk.bvh)", "@Camera1 (side-track.json)", "@Seed1 (= 42)")
        .contains("WARNING kling.mesh_bleeding", "fix (reduce_speed)");
  }

  @Test
  void jsonOutputIsTheApiReport() throws IOException {
    Run run = run("preflight", example(), "--json", "--models", "kling-v3,sora-2");
    assertThat(run.exitCode()).as(run.errors()).isZero();
    JsonNode report = PreflightFixtures.JSON.readTree(run.output());
    assertThat(report.path("object").asText()).isEqualTo("stack.preflight");
    assertThat(report.path("models").findValuesAsText("model")).containsExactly("kling-v3", "sora-2");
    assertThat(report.path("recommended_model").asText()).isEqualTo("kling-v3");
  }

  @Test
  void optionsOverrideTheManifestAndEveryModelBlockedExitsOne() {
    Run sora = run("preflight", example(), "--models", "sora-2", "--seconds", "16");
    assertThat(sora.exitCode()).isEqualTo(1);
    assertThat(sora.output()).contains("AIVid preflight: 16 s", "ERROR model.retired", "WARNING sora.limb_diffusion", "No recommendation");
  }

  @Test
  void filesWithoutAManifestGetTheirKindsFromTheirBytesAndNames() {
    Path directory = ExampleStackTest.exampleDirectory();
    Run run =
        run(
            "preflight",
            directory.resolve("courier.png").toString(),
            directory.resolve("street-depth.png").toString(),
            directory.resolve("walk-mask.png").toString(),
            directory.resolve("side-track.json").toString(),
            directory.resolve("night-palette.json").toString(),
            "--prompt",
            "@Image1 crosses the street, @Camera1 tracks",
            "--seconds",
            "4",
            "--models",
            "seedance-2.0");
    assertThat(run.exitCode()).as(run.errors()).isZero();
    assertThat(run.output())
        .contains("@Image1 (courier.png)", "@Depth1 (street-depth.png)", "@Mask1 (walk-mask.png)")
        .contains("@Camera1 (side-track.json)", "@Palette1 (night-palette.json)")
        .contains("AIVid preflight: 4 s at 1280x720");
  }

  @Test
  void aMaskOfTheWrongSizeIsRefusedNamingTheFile() throws IOException {
    Path directory = TestServers.temporaryDirectory("aivid-preflight-cli-");
    Files.write(directory.resolve("hero.png"), dev.aivid.support.TestImages.png(64, 36, java.awt.Color.RED));
    Files.write(directory.resolve("matte-mask.png"), PreflightFixtures.greyPng(640, 480));
    Run run = run("preflight", directory.toString(), "--prompt", "@Image1 walks");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errors()).contains("mask_size_mismatch", "matte-mask.png", "640x480", "1280x720");

    Files.writeString(directory.resolve("notes.txt"), "not media");
    Run unsupported = run("preflight", directory.toString());
    assertThat(unsupported.exitCode()).isEqualTo(2);
    assertThat(unsupported.errors()).contains("unsupported_content", "notes.txt");
  }

  @Test
  void helpListsPreflight() {
    assertThat(run("--help").output()).contains("preflight");
  }
}
