package dev.aivid.media.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import dev.aivid.media.probe.AudioInfo;
import dev.aivid.media.probe.AudioProbe;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioMuxerTest {

  private static final int SAMPLE_RATE = 48_000;

  @TempDir
  Path directory;

  @Test
  void addsAnAacTrackOfTheShotLengthAndCopiesTheVideoUnchanged() throws Exception {
    Path video = render(directory.resolve("video.mp4"), 2, 12);
    Path muxed = directory.resolve("muxed.mp4");
    float[] tone = Signals.tone(SAMPLE_RATE, 1_000, 2.5, 0.5);

    long started = System.nanoTime();
    MuxResult result = AudioMuxer.mux(video, tone, SAMPLE_RATE, 2.0, muxed);
    System.out.printf("mux of 2 s 160x90 + 2 s AAC took %.1f ms; encoder delay %d samples%n",
        (System.nanoTime() - started) / 1e6, result.encoderDelaySamples());

    assertThat(result.audioCodec()).isEqualTo("aac");
    assertThat(result.audioSamples()).isEqualTo(96_000);
    assertThat(result.videoPackets()).isEqualTo(24);
    AudioInfo audio = AudioProbe.probe(muxed);
    assertThat(audio.codec()).isEqualTo("aac");
    assertThat(audio.sampleRateHertz()).isEqualTo(SAMPLE_RATE);
    assertThat(audio.channels()).isEqualTo(1);
    assertThat(audio.durationSeconds()).isCloseTo(2.0, within(0.03));
    VideoInfo before = VideoProbe.probe(video);
    VideoInfo after = VideoProbe.probe(muxed);
    assertThat(after.videoCodec()).isEqualTo("h264");
    assertThat(after.width()).isEqualTo(160);
    assertThat(after.height()).isEqualTo(90);
    assertThat(after.frameCount()).isEqualTo(24);
    assertThat(after.framesPerSecond()).isCloseTo(12.0, within(0.01));
    assertThat(after.durationSeconds()).isCloseTo(before.durationSeconds(), within(0.001));
    assertThat(after.hasAudio()).isTrue();
    assertThat(videoPacketDigests(muxed)).isEqualTo(videoPacketDigests(video));
  }

  @Test
  void theMp4DeclaresExactlyTheShotLengthAndHidesTheEncoderPriming() throws Exception {
    Path video = render(directory.resolve("video.mp4"), 2, 12);
    Path muxed = directory.resolve("muxed.mp4");

    MuxResult result = AudioMuxer.mux(video, Signals.tone(SAMPLE_RATE, 1_000, 2.5, 0.5), SAMPLE_RATE, 2.0, muxed);

    Mp4AudioTiming timing = Mp4AudioTiming.read(muxed);
    System.out.println("audio track timing: " + timing);
    assertThat(timing.trackTimescale()).isEqualTo(SAMPLE_RATE);
    assertThat(timing.editMediaTime()).isEqualTo(result.encoderDelaySamples()).isEqualTo(1_024);
    assertThat(timing.editDurationSeconds()).isEqualTo(2.0);
    assertThat(timing.mediaSamples()).isEqualTo(1_024 + 96_000);
  }

  @Test
  void decodedTheTrackStartsAtTimeZeroWithTheToneAndEndsWithinOneAacFrameOfTheShot() {
    Path video = render(directory.resolve("video.mp4"), 2, 12);
    Path muxed = directory.resolve("muxed.mp4");

    AudioMuxer.mux(video, Signals.tone(SAMPLE_RATE, 1_000, 2.5, 0.5), SAMPLE_RATE, 2.0, muxed);

    DecodedAudio decoded = DecodedAudio.decode(muxed);
    System.out.printf("decoded %d samples for a 96000-sample track, first timestamp %.6f s%n",
        decoded.samples().length, decoded.firstTimestampSeconds());
    assertThat(decoded.sampleRate()).isEqualTo(SAMPLE_RATE);
    assertThat(decoded.channels()).isEqualTo(1);
    assertThat(decoded.firstTimestampSeconds()).isCloseTo(0, within(1e-6));
    // FFmpeg's MP4 demuxer applies the edit list's start but not its end: the padded last AAC frame decodes whole.
    assertThat(decoded.samples().length).isBetween(96_000, 96_000 + 1_023);
    double toneLevel = Math.sqrt(OnsetMeter.meanSquare(decoded.samples(), 4_800, 91_200));
    assertThat(toneLevel).isCloseTo(0.5 / Math.sqrt(2), within(0.02));
  }

  @Test
  void padsAShortTrackWithSilenceToTheShotLength() throws Exception {
    Path video = render(directory.resolve("video.mp4"), 2, 12);
    Path muxed = directory.resolve("muxed.mp4");

    AudioMuxer.mux(video, Signals.tone(SAMPLE_RATE, 1_000, 0.5, 0.5), SAMPLE_RATE, 2.0, muxed);

    assertThat(Mp4AudioTiming.read(muxed).editDurationSeconds()).isEqualTo(2.0);
    float[] samples = DecodedAudio.decode(muxed).samples();
    assertThat(Math.sqrt(OnsetMeter.meanSquare(samples, 2_400, 21_600))).isGreaterThan(0.3);
    assertThat(Signals.peak(Arrays.copyOfRange(samples, 26_400, samples.length))).isLessThan(0.001);
  }

  @Test
  void canReplaceTheVideoFileItReadsFrom() {
    Path video = render(directory.resolve("video.mp4"), 1, 12);

    AudioMuxer.mux(video, Signals.tone(SAMPLE_RATE, 440, 1, 0.3), SAMPLE_RATE, 1.0, video);

    assertThat(VideoProbe.probe(video).hasAudio()).isTrue();
    assertThat(VideoProbe.probe(video).frameCount()).isEqualTo(12);
  }

  @Test
  void rejectsASampleRateAacCannotCarry() {
    Path video = render(directory.resolve("video.mp4"), 1, 12);

    assertThatThrownBy(() -> AudioMuxer.mux(video, new float[100], 50_000, 1.0, directory.resolve("out.mp4")))
        .isInstanceOfSatisfying(MediaException.class,
            failure -> assertThat(failure.code()).isEqualTo(SoundErrorCodes.SAMPLE_RATE_UNSUPPORTED));
  }

  @Test
  void failsCleanlyOnSomethingThatIsNotAVideo() throws Exception {
    Path notVideo = Files.writeString(directory.resolve("notes.mp4"), "not a video");
    Path out = directory.resolve("out.mp4");

    assertThatThrownBy(() -> AudioMuxer.mux(notVideo, new float[100], SAMPLE_RATE, 1.0, out))
        .isInstanceOfSatisfying(MediaException.class,
            failure -> assertThat(failure.code()).isEqualTo(SoundErrorCodes.MUX_FAILED));
    try (var files = Files.list(directory)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("notes.mp4");
    }
  }

  @Test
  void anInterruptedMuxStopsAndLeavesNoFileBehind() throws Exception {
    Path video = render(directory.resolve("video.mp4"), 1, 12);
    Path out = directory.resolve("out.mp4");

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> AudioMuxer.mux(video, new float[100], SAMPLE_RATE, 1.0, out))
          .isInstanceOfSatisfying(MediaException.class,
              failure -> assertThat(failure.code()).isEqualTo(SoundErrorCodes.MUX_CANCELLED));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    try (var files = Files.list(directory)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("video.mp4");
    }
  }

  @Test
  void reportsWhichAudioEncodersTheBundledFfmpegHas() {
    FFmpegLibraries.ensureLoaded();
    var found = new ArrayList<String>();
    for (String name : List.of("aac", "libfdk_aac", "libopus", "opus")) {
      var codec = avcodec.avcodec_find_encoder_by_name(name);
      found.add(name + "=" + (codec != null && !codec.isNull()));
    }
    System.out.println("audio encoders: " + found);
    assertThat(found).contains("aac=true");
  }

  static Path render(Path output, int seconds, int framesPerSecond) {
    new PrevizRenderer().render(
        new PrevizSpec(160, 90, seconds, framesPerSecond, "a box on a stage", 3, null), output, (done, total) -> {});
    return output;
  }

  /** SHA-256 of each video packet's bytes, in file order: equal lists mean the video was copied, not re-encoded. */
  private static List<String> videoPacketDigests(Path file) throws Exception {
    var digests = new ArrayList<String>();
    try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.start();
      int videoStream = grabber.getVideoStream();
      AVPacket packet;
      while ((packet = grabber.grabPacket()) != null) {
        if (packet.stream_index() == videoStream) {
          var bytes = new byte[packet.size()];
          packet.data().get(bytes);
          digests.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        avcodec.av_packet_unref(packet);
      }
    }
    return digests;
  }
}
