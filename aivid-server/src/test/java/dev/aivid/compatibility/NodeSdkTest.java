package dev.aivid.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The official `openai` npm package, unmodified, pointed at AIVid (see src/test/node). */
class NodeSdkTest {
  private static final Path SCRIPT_DIRECTORY = Path.of("src", "test", "node");

  @Test
  void theNodeSdkCreatesPollsDownloadsListsAndDeletesAVideoAndUploadsAnImage() throws Exception {
    assertThat(SCRIPT_DIRECTORY.resolve("node_modules").resolve("openai"))
        .as("run ./aivid test (it installs the npm client) rather than mvn directly")
        .isDirectory();
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    Path output = Files.createTempDirectory("node-sdk-");
    Path image = output.resolve("first-frame.png");
    Files.write(image, TestImages.png(320, 180, Color.MAGENTA));

    ProcessBuilder builder = new ProcessBuilder(List.of("node", "videos-sdk.mjs"));
    builder.directory(SCRIPT_DIRECTORY.toFile());
    builder.environment().put("AIVID_BASE_URL", tenant.baseUrl() + "/v1");
    builder.environment().put("AIVID_API_KEY", tenant.apiKey());
    builder.environment().put("AIVID_OUTPUT_DIR", output.toString());
    builder.environment().put("AIVID_IMAGE_PATH", image.toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    byte[] printed = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String text = new String(printed, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();

    String lastLine = text.strip().lines().reduce((first, second) -> second).orElseThrow();
    JsonNode result = new ObjectMapper().readTree(lastLine);
    assertThat(result.path("createdStatus").asText()).isEqualTo("queued");
    List<Integer> progress = new ArrayList<>();
    result.path("progress").forEach(value -> progress.add(value.asInt()));
    assertThat(progress).isSorted();
    assertThat(result.path("thumbnailMagic").asText()).isEqualTo("ffd8ff");
    assertThat(result.path("listed").size()).isEqualTo(2);
    assertThat(result.path("imageStatus").asText()).isEqualTo("completed");
    assertThat(result.path("deleted").path("deleted").asBoolean()).isTrue();
    assertThat(result.path("retrievedAfterDelete").asInt()).isEqualTo(404);

    VideoInfo text2Video = VideoProbe.probe(Path.of(result.path("videoFile").asText()));
    assertThat(text2Video.videoCodec()).isEqualTo("h264");
    assertThat(text2Video.width()).isEqualTo(320);
    assertThat(text2Video.height()).isEqualTo(180);
    assertThat(text2Video.durationSeconds()).isBetween(1.9, 2.1);
    VideoInfo image2Video = VideoProbe.probe(Path.of(result.path("imageVideoFile").asText()));
    assertThat(image2Video.videoCodec()).isEqualTo("h264");
    assertThat(image2Video.durationSeconds()).isBetween(0.9, 1.1);
  }
}
