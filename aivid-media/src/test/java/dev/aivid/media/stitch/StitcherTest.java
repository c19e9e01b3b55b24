package dev.aivid.media.stitch;

import static dev.aivid.media.stitch.TestClips.BLACK;
import static dev.aivid.media.stitch.TestClips.BLUE;
import static dev.aivid.media.stitch.TestClips.GREEN;
import static dev.aivid.media.stitch.TestClips.MAGENTA;
import static dev.aivid.media.stitch.TestClips.RED;
import static dev.aivid.media.stitch.TestClips.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.audio.AudioDecoder;
import dev.aivid.media.audio.DecodedAudio;
import dev.aivid.media.json.BoundedJsonReader;
import dev.aivid.media.json.JsonLimits;
import dev.aivid.media.json.JsonValue;
import dev.aivid.media.probe.AudioInfo;
import dev.aivid.media.probe.AudioProbe;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StitcherTest {

  private static final int FPS = 24;
  private static final List<Color> PALETTE = List.of(RED, GREEN, BLUE, YELLOW, MAGENTA, BLACK);

  @TempDir
  Path directory;

  @Test
  void segmentsOfDifferentSizesAndRatesComeOutAtTheBoardSizeAndRateInShotOrder() throws Exception {
    Path red = TestClips.solid(directory.resolve("red.mp4"), 320, 240, 30, 60, RED);
    // The first half second is magenta: trimming it off with inSeconds must leave no magenta frame.
    Path green = TestClips.record(directory.resolve("green.mp4"), 640, 360, 24, 48, i -> i < 12 ? MAGENTA : GREEN);
    Path blue = TestClips.solid(directory.resolve("blue.mp4"), 160, 90, 12, 12, BLUE);
    Path yellow = TestClips.solid(directory.resolve("yellow.mp4"), 200, 200, 25, 25, YELLOW);
    var plan = StitchPlan.of(320, 180, FPS, List.of(
        StitchSegment.cut(red, "S1 red", "veo-3", 0, 1.5),
        StitchSegment.cut(green, "S2 green", "kling-2.1", 0.5, 2.0),
        StitchSegment.cut(blue, "S3 blue", "previz", 0, 1.0),
        StitchSegment.cut(yellow, "S4 yellow", "veo-3", 0, 1.0)));
    Path film = directory.resolve("film.mp4");

    StitchResult result = Stitcher.stitch(plan, film);

    VideoInfo info = VideoProbe.probe(film);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(320);
    assertThat(info.height()).isEqualTo(180);
    assertThat(info.framesPerSecond()).isCloseTo(FPS, within(0.01));
    assertThat(info.frameCount()).isEqualTo(120);
    assertThat(info.durationSeconds()).isCloseTo(5.0, within(1.0 / FPS));
    assertThat(info.hasAudio()).isFalse();
    assertThat(result.durationSeconds()).isEqualTo(5.0);
    assertThat(result.hasAudio()).isFalse();
    assertThat(result.cutSeconds()).containsExactly(1.5, 3.0, 4.0);

    List<TestClips.Sample> frames = TestClips.readBack(film);
    assertThat(frames).hasSize(120);
    for (int index = 0; index < frames.size(); index++) {
      assertThat(frames.get(index).timestampMicros()).isCloseTo(Math.round(index * 1e6 / FPS), within(1_000L));
      Color expected = index < 36 ? RED : index < 72 ? GREEN : index < 96 ? BLUE : YELLOW;
      assertThat(PALETTE.get(TestClips.nearest(frames.get(index).centre(), PALETTE)))
          .as("shot at output frame %d", index).isEqualTo(expected);
    }
    List<Integer> measuredCuts = TestClips.changes(frames, PALETTE);
    assertThat(measuredCuts).containsExactly(36, 72, 96);
    // 4:3 and square sources are pillarboxed; 16:9 ones fill the board whether shrunk or enlarged.
    assertThat(TestClips.distance(frames.get(10).leftEdge(), BLACK)).isLessThan(30);
    assertThat(TestClips.distance(frames.get(50).leftEdge(), GREEN)).isLessThan(30);
    assertThat(TestClips.distance(frames.get(80).leftEdge(), BLUE)).isLessThan(30);
    assertThat(TestClips.distance(frames.get(110).leftEdge(), BLACK)).isLessThan(30);

    assertEdlMatches(result, measuredCuts, 120);
    assertThat(result.events()).extracting(EdlEvent::reel).containsExactly("VEO3", "KLING21", "PREVIZ", "VEO3");
    assertThat(result.events()).extracting(EdlEvent::model).containsExactly("veo-3", "kling-2.1", "previz", "veo-3");
    assertThat(result.events().get(1).sourceIn()).isEqualTo("00:00:00:12");
    assertThat(result.events().get(1).sourceOut()).isEqualTo("00:00:02:00");
    String cmx = result.edlCmx3600("Night courier");
    System.out.print(cmx);
    Cmx3600Reader.Listing listing = Cmx3600Reader.read(cmx);
    assertThat(listing.title()).isEqualTo("Night courier");
    assertThat(listing.frameCodeMode()).isEqualTo("NON-DROP FRAME");
    assertThat(listing.comments()).contains("FROM CLIP NAME: S2 green", "MODEL: kling-2.1");
  }

  @Test
  void aCrossfadeBlendsTheTwoShotsAndShortensTheFilmByItsOverlap() throws Exception {
    Path red = TestClips.solid(directory.resolve("red.mp4"), 320, 180, 24, 48, RED);
    Path blue = TestClips.solid(directory.resolve("blue.mp4"), 320, 180, 24, 48, BLUE);
    Path yellow = TestClips.solid(directory.resolve("yellow.mp4"), 320, 180, 24, 24, YELLOW);
    var plan = StitchPlan.of(320, 180, FPS, List.of(
        StitchSegment.cut(red, "red", "veo-3", 0, 2),
        StitchSegment.cut(blue, "blue", "runway", 0, 2).withTransitionIn(Transition.crossfade(0.5)),
        StitchSegment.cut(yellow, "yellow", "veo-3", 0, 1)));
    Path film = directory.resolve("film.mp4");

    StitchResult result = Stitcher.stitch(plan, film);

    int overlap = 12;
    assertThat(result.frameCount()).isEqualTo(48 + 48 + 24 - overlap);
    VideoInfo info = VideoProbe.probe(film);
    assertThat(info.frameCount()).isEqualTo(108);
    assertThat(info.durationSeconds()).isCloseTo(4.5, within(1.0 / FPS));
    List<TestClips.Sample> frames = TestClips.readBack(film);
    assertThat(frames).hasSize(108);
    for (int index = 0; index < 108; index++) {
      Color centre = frames.get(index).centre();
      if (index < 36) {
        assertThat(TestClips.distance(centre, RED)).as("frame %d", index).isLessThan(25);
      } else if (index < 48) {
        double weight = (index - 36 + 1) / 13.0;
        assertThat(TestClips.distance(centre, mix(RED, BLUE, weight))).as("frame %d", index).isLessThan(25);
      } else if (index < 84) {
        assertThat(TestClips.distance(centre, BLUE)).as("frame %d", index).isLessThan(25);
      } else {
        assertThat(TestClips.distance(centre, YELLOW)).as("frame %d", index).isLessThan(25);
      }
    }
    Color middle = frames.get(36 + 6).centre();
    assertThat(TestClips.distance(middle, RED)).isGreaterThan(80);
    assertThat(TestClips.distance(middle, BLUE)).isGreaterThan(80);

    List<EdlEvent> events = result.events();
    assertThat(events.get(1).transition()).isEqualTo("D");
    assertThat(events.get(1).transitionFrames()).isEqualTo(overlap);
    assertThat(events.get(0).recordOut()).isEqualTo(events.get(1).recordIn()).isEqualTo(Timecode.format(36, FPS));
    assertThat(events.get(0).sourceOut()).isEqualTo("00:00:01:12");
    assertThat(events.get(2).recordIn()).isEqualTo(Timecode.format(84, FPS));
    assertEdlMatches(result, List.of(36, 84), 108);
    String cmx = result.edlCmx3600("crossfade");
    System.out.print(cmx);
    List<Cmx3600Reader.Line> lines = Cmx3600Reader.read(cmx).lines();
    assertThat(lines).hasSize(4);
    Cmx3600Reader.Line outgoing = lines.get(1);
    Cmx3600Reader.Line incoming = lines.get(2);
    assertThat(outgoing.number()).isEqualTo(incoming.number()).isEqualTo(2);
    assertThat(outgoing.reel()).isEqualTo("VEO3");
    assertThat(outgoing.transition()).isEqualTo("C");
    assertThat(outgoing.recordIn()).isEqualTo(outgoing.recordOut()).isEqualTo("00:00:01:12");
    assertThat(outgoing.sourceIn()).isEqualTo(outgoing.sourceOut()).isEqualTo("00:00:01:12");
    assertThat(incoming.reel()).isEqualTo("RUNWAY");
    assertThat(incoming.transition()).isEqualTo("D");
    assertThat(incoming.transitionFrames()).isEqualTo(12);
    assertThat(incoming.recordIn()).isEqualTo("00:00:01:12");
    assertThat(incoming.recordOut()).isEqualTo("00:00:03:12");
  }

  @Test
  void beatSnappingMovesCutsOntoTheBeatsAndReportsACutItCannotMove() throws Exception {
    Path red = TestClips.solid(directory.resolve("red.mp4"), 320, 180, 30, 60, RED);
    Path green = TestClips.solid(directory.resolve("green.mp4"), 640, 360, 24, 48, GREEN);
    // 11 frames at 12 fps: 0.917 s, so this shot cannot stretch to the beat after its planned end.
    Path blue = TestClips.solid(directory.resolve("blue.mp4"), 160, 90, 12, 11, BLUE);
    Path yellow = TestClips.solid(directory.resolve("yellow.mp4"), 320, 180, 25, 50, YELLOW);
    var beats = new ArrayList<Double>();
    for (int beat = 0; beat < 21; beat++) {
      beats.add(0.3 + 0.5 * beat);
    }
    int sampleRate = 48_000;
    float[] music = new float[6 * sampleRate];
    for (int index = 0; index < music.length; index++) {
      music[index] = (float) (0.1 * Math.sin(2 * Math.PI * 220 * index / sampleRate));
    }
    var plan = StitchPlan.builder(320, 180, FPS)
        .segment(StitchSegment.cut(red, "red", "veo-3", 0, 1.6))
        .segment(StitchSegment.cut(green, "green", "veo-3", 0, 1.6))
        .segment(StitchSegment.cut(blue, "blue", "veo-3", 0, 0.9))
        .segment(StitchSegment.cut(yellow, "yellow", "veo-3", 0, 1.0))
        .beats(beats, true)
        .soundtrack(new DecodedAudio(music, sampleRate))
        .foley(List.of(2.0), 7)
        .build();
    Path film = directory.resolve("film.mp4");

    StitchResult result = Stitcher.stitch(plan, film);

    // Planned cuts at frames 38, 81 and 101; beats at 1.8 s and 3.3 s are the nearest; 4.3 s (frame 103) needs 24
    // frames of the blue shot, which has 22.
    assertThat(result.cuts()).extracting(StitchCut::plannedFrame).containsExactly(38, 81, 101);
    assertThat(result.cuts()).extracting(StitchCut::snap)
        .containsExactly(CutSnap.ON_NEAREST_BEAT, CutSnap.ON_NEAREST_BEAT, CutSnap.NO_BEAT_REACHABLE);
    assertThat(result.cuts()).extracting(StitchCut::beatSeconds).containsExactly(1.8, 3.3, null);
    List<TestClips.Sample> frames = TestClips.readBack(film);
    List<Integer> measuredCuts = TestClips.changes(frames, PALETTE);
    assertThat(measuredCuts).hasSize(3);
    assertThat(measuredCuts.get(0)).isCloseTo((int) Math.round(1.8 * FPS), within(1));
    assertThat(measuredCuts.get(1)).isCloseTo((int) Math.round(3.3 * FPS), within(1));
    assertThat(measuredCuts.get(2)).isEqualTo(101);
    assertThat(measuredCuts).containsExactly(43, 79, 101);
    assertThat(result.cutSeconds()).containsExactly(43.0 / FPS, 79.0 / FPS, 101.0 / FPS);
    int frameCount = 101 + 24;
    assertThat(frames).hasSize(frameCount);
    assertEdlMatches(result, measuredCuts, frameCount);

    double duration = frameCount / (double) FPS;
    AudioInfo audio = AudioProbe.probe(film);
    assertThat(audio.codec()).isEqualTo("aac");
    assertThat(audio.sampleRateHertz()).isEqualTo(sampleRate);
    assertThat(audio.durationSeconds()).isCloseTo(duration, within(0.03));
    float[] decoded = AudioDecoder.decode(film, sampleRate).samples();
    // Decoded AAC may run a few samples past the declared length.
    float[] sound = Arrays.copyOf(decoded, Math.min(decoded.length, (int) Math.round(duration * sampleRate)));
    assertThat(sound.length).isCloseTo((int) Math.round(duration * sampleRate), within(sampleRate / 100));
    assertThat(peak(sound, 1.0, 1.5, sampleRate)).isBetween(0.05, 0.15);
    assertThat(peak(sound, 2.0, 2.1, sampleRate)).isGreaterThan(0.4);
  }

  @Test
  void aSegmentsOwnSoundIsMixedOnlyWhenItHasAGain() throws Exception {
    int sampleRate = 48_000;
    Path red = TestClips.solid(directory.resolve("red-silent.mp4"), 320, 180, 24, 24, RED);
    float[] tone = new float[sampleRate];
    for (int index = 0; index < tone.length; index++) {
      tone[index] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * index / sampleRate));
    }
    Path redWithTone = directory.resolve("red.mp4");
    dev.aivid.media.sound.AudioMuxer.mux(red, tone, sampleRate, 1.0, redWithTone);
    Path blueWithTone = directory.resolve("blue.mp4");
    dev.aivid.media.sound.AudioMuxer.mux(
        TestClips.solid(directory.resolve("blue-silent.mp4"), 320, 180, 24, 24, BLUE), tone, sampleRate, 1.0,
        blueWithTone);
    var plan = StitchPlan.of(320, 180, FPS, List.of(
        StitchSegment.cut(redWithTone, "red", "veo-3", 0, 1).withAudioGainDb(-6.0),
        StitchSegment.cut(blueWithTone, "blue", "veo-3", 0, 1)));
    Path film = directory.resolve("film.mp4");

    StitchResult result = Stitcher.stitch(plan, film);

    assertThat(result.hasAudio()).isTrue();
    float[] sound = AudioDecoder.decode(film, sampleRate).samples();
    assertThat(peak(sound, 0.1, 0.9, sampleRate)).isCloseTo(0.5 * Math.pow(10, -6 / 20.0), within(0.03));
    assertThat(peak(sound, 1.1, 1.9, sampleRate)).isLessThan(0.01);
  }

  /** The EDL (JSON and CMX3600 read back by columns) puts each event where the cuts were measured in the film. */
  private static void assertEdlMatches(StitchResult result, List<Integer> measuredCuts, int frameCount) {
    var recordIns = new ArrayList<Integer>();
    recordIns.add(0);
    recordIns.addAll(measuredCuts);
    var recordOuts = new ArrayList<>(measuredCuts);
    recordOuts.add(frameCount);

    assertThat(result.events()).extracting(event -> Timecode.parse(event.recordIn(), FPS))
        .containsExactlyElementsOf(recordIns);
    assertThat(result.events()).extracting(event -> Timecode.parse(event.recordOut(), FPS))
        .containsExactlyElementsOf(recordOuts);

    var json = (JsonValue.JsonArray) BoundedJsonReader.read(result.edlJson().getBytes(StandardCharsets.UTF_8),
        new JsonLimits(1_000_000, 8, 10_000, 100_000), "bad_edl");
    assertThat(json.elements()).hasSize(result.events().size());
    for (int index = 0; index < json.elements().size(); index++) {
      var event = (JsonValue.JsonObject) json.elements().get(index);
      assertThat(event.members().keySet()).containsExactly("number", "reel", "track", "transition",
          "transitionFrames", "sourceIn", "sourceOut", "recordIn", "recordOut", "clipName", "model");
      assertThat(Timecode.parse(((JsonValue.JsonString) event.members().get("recordIn")).value(), FPS))
          .isEqualTo(recordIns.get(index));
      assertThat(Timecode.parse(((JsonValue.JsonString) event.members().get("recordOut")).value(), FPS))
          .isEqualTo(recordOuts.get(index));
      assertThat(((JsonValue.JsonString) event.members().get("model")).value())
          .isEqualTo(result.events().get(index).model());
    }

    List<Cmx3600Reader.Line> incomingLines = Cmx3600Reader.read(result.edlCmx3600("check")).lines().stream()
        .filter(line -> line.recordIn().compareTo(line.recordOut()) < 0 || line.transition().equals("D"))
        .toList();
    assertThat(incomingLines).extracting(line -> Timecode.parse(line.recordIn(), FPS))
        .containsExactlyElementsOf(recordIns);
    assertThat(incomingLines).extracting(line -> Timecode.parse(line.recordOut(), FPS))
        .containsExactlyElementsOf(recordOuts);
    assertThat(incomingLines).extracting(Cmx3600Reader.Line::number)
        .containsExactlyElementsOf(result.events().stream().map(EdlEvent::number).toList());
  }

  private static Color mix(Color from, Color to, double weight) {
    return new Color(
        (int) Math.round(from.getRed() * (1 - weight) + to.getRed() * weight),
        (int) Math.round(from.getGreen() * (1 - weight) + to.getGreen() * weight),
        (int) Math.round(from.getBlue() * (1 - weight) + to.getBlue() * weight));
  }

  private static double peak(float[] samples, double fromSeconds, double toSeconds, int sampleRate) {
    double peak = 0;
    int end = Math.min(samples.length, (int) Math.round(toSeconds * sampleRate));
    for (int index = (int) Math.round(fromSeconds * sampleRate); index < end; index++) {
      peak = Math.max(peak, Math.abs(samples[index]));
    }
    return peak;
  }
}
