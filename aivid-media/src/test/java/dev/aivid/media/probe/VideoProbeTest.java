package dev.aivid.media.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoProbeTest {

  @TempDir
  Path directory;

  @Test
  void countsTheFramesOfAContainerThatDoesNotStoreTheCount() throws Exception {
    Path webm = directory.resolve("clip.webm");
    record(webm, "webm", "libvpx", 10, 15, false);

    VideoInfo info = VideoProbe.probe(webm);

    assertThat(info.formatName()).isEqualTo("matroska,webm");
    assertThat(info.videoCodec()).isEqualTo("vp8");
    assertThat(info.frameCount()).isEqualTo(15);
    assertThat(info.framesPerSecond()).isCloseTo(10.0, within(0.01));
    assertThat(info.durationSeconds()).isCloseTo(1.5, within(0.1));
  }

  @Test
  void noticesAnAudioTrack() throws Exception {
    Path mp4 = directory.resolve("with-audio.mp4");
    record(mp4, "mp4", "libopenh264", 10, 10, true);

    VideoInfo info = VideoProbe.probe(mp4);

    assertThat(info.hasAudio()).isTrue();
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(96);
    assertThat(info.height()).isEqualTo(64);
  }

  @Test
  void refusesAFileThatIsNoMediaAtAll() throws IOException {
    Path text = Files.writeString(directory.resolve("notes.mp4"), "definitely not a video");

    assertProbeFails(text);
  }

  @Test
  void refusesAStillImage() throws IOException {
    Path png = Files.write(directory.resolve("still.png"), TestMedia.encode(TestMedia.picture(32, 32), "png"));

    assertProbeFails(png);
  }

  @Test
  void refusesPlaylistsThatWouldMakeFfmpegOpenOtherFiles() throws Exception {
    record(directory.resolve("real.mp4"), "mp4", "libopenh264", 10, 10, false);
    Path playlist = Files.writeString(directory.resolve("upload.m3u8"),
        "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nreal.mp4\n#EXT-X-ENDLIST\n");
    Path concat = Files.writeString(directory.resolve("upload.mkv"), "ffconcat version 1.0\nfile 'real.mp4'\n");

    assertProbeFails(playlist);
    assertProbeFails(concat);
  }

  @Test
  void refusesAMissingFile() {
    assertProbeFails(directory.resolve("missing.mp4"));
  }

  private static void assertProbeFails(Path file) {
    assertThatThrownBy(() -> VideoProbe.probe(file))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("probe_failed"));
  }

  private static void record(Path file, String format, String videoCodec, int framesPerSecond, int frames, boolean audio)
      throws Exception {
    BufferedImage picture = TestMedia.picture(96, 64);
    var recorder = new FFmpegFrameRecorder(file.toFile(), 96, 64, audio ? 1 : 0);
    recorder.setFormat(format);
    recorder.setVideoCodecName(videoCodec);
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(framesPerSecond);
    if (audio) {
      recorder.setAudioCodec(AV_CODEC_ID_AAC);
      recorder.setSampleRate(8000);
    }
    try (var converter = new Java2DFrameConverter()) {
      recorder.start();
      for (int frame = 0; frame < frames; frame++) {
        recorder.record(converter.convert(picture), AV_PIX_FMT_BGR24);
        if (audio) {
          recorder.recordSamples(8000, 1, ShortBuffer.wrap(new short[8000 / framesPerSecond]));
        }
      }
      recorder.stop();
    } finally {
      recorder.release();
    }
  }
}
