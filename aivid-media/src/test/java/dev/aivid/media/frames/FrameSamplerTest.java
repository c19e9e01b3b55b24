package dev.aivid.media.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSamplerTest {

  @TempDir
  static Path directory;

  private static Path video;

  @BeforeAll
  static void renderAVideo() {
    video = directory.resolve("sample.mp4");
    new PrevizRenderer().render(new PrevizSpec(640, 360, 2, 12, "sampled", 11, null), video, (done, total) -> {});
  }

  @Test
  void takesAJpegThumbnailScaledDownToTheMaximumWidth() throws IOException {
    byte[] jpeg = FrameSampler.thumbnailJpeg(video, 160);

    assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(thumbnail.getWidth()).isEqualTo(160);
    assertThat(thumbnail.getHeight()).isEqualTo(90);
  }

  @Test
  void neverEnlargesAThumbnailBeyondTheVideo() throws IOException {
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(FrameSampler.thumbnailJpeg(video, 4000)));

    assertThat(thumbnail.getWidth()).isEqualTo(640);
    assertThat(thumbnail.getHeight()).isEqualTo(360);
  }

  @Test
  void laysOutEvenlySpacedFramesInAGridOfTheRequestedTiles() throws IOException {
    byte[] jpeg = FrameSampler.spritesheetJpeg(video, 4, 3, 80);

    assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
    BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(jpeg));
    int tileHeight = 45;
    assertThat(sheet.getWidth()).isEqualTo(4 * 80);
    assertThat(sheet.getHeight()).isEqualTo(3 * tileHeight);
    BufferedImage firstTile = sheet.getSubimage(0, 0, 80, tileHeight);
    BufferedImage lastTile = sheet.getSubimage(3 * 80, 2 * tileHeight, 80, tileHeight);
    assertThat(TestMedia.meanAbsoluteDifference(firstTile, lastTile)).isGreaterThan(1);
  }

  @Test
  void refusesToFollowAPlaylistToAnotherFile() throws IOException {
    Path playlist = Files.writeString(directory.resolve("upload.m3u8"),
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n" + video.getFileName() + "\n#EXT-X-ENDLIST\n");

    assertThatThrownBy(() -> FrameSampler.spritesheetJpeg(playlist, 2, 2, 40))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("probe_failed"));
  }

  @Test
  void refusesToSampleAFileThatIsNoVideo() throws IOException {
    Path text = Files.writeString(directory.resolve("notes.txt"), "no frames here");

    assertThatThrownBy(() -> FrameSampler.thumbnailJpeg(text, 100))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("probe_failed"));
  }
}
