package dev.aivid.media.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class StitchTimelinePropertiesTest {

  private static final int[] RATES = {12, 24, 25, 30, 60};

  /** A random valid plan with its source lengths; each segment's nominal frames and overlaps are known exactly. */
  private record Case(StitchPlan plan, List<Double> durations, int[] nominal, int[] overlap, int[] limit) {}

  @Property(tries = 400)
  void framesAddUpEveryShotStaysWithinItsSourceAndSnappedCutsLandOnNearbyBeats(@ForAll long seed) {
    Case example = randomCase(new Random(seed));
    StitchPlan plan = example.plan();
    int fps = plan.framesPerSecond();

    StitchTimeline timeline = StitchTimeline.place(plan, example.durations());

    List<PlacedSegment> placed = timeline.segments();
    int count = placed.size();
    int expectedTotal = 0;
    for (int index = 0; index < count; index++) {
      PlacedSegment segment = placed.get(index);
      expectedTotal += segment.frameCount() - example.overlap()[index];
      assertThat(segment.overlapInFrames()).isEqualTo(example.overlap()[index]);
      assertThat(segment.frameCount())
          .isBetween(example.overlap()[index] + example.overlap()[index + 1] + 1, example.limit()[index]);
      if (index > 0) {
        assertThat(segment.startFrame()).isEqualTo(placed.get(index - 1).endFrame() - segment.overlapInFrames())
            .isGreaterThan(placed.get(index - 1).startFrame());
      }
      if (index + 1 == count || !plan.snapsCut(index + 1)) {
        assertThat(segment.frameCount()).isEqualTo(example.nominal()[index]);
      }
    }
    assertThat(timeline.frameCount()).isEqualTo(expectedTotal);

    double window = StitchTimeline.halfMedianInterval(plan.beatSeconds());
    for (StitchCut cut : timeline.cuts()) {
      assertThat(cut.frame()).isEqualTo(placed.get(cut.segment()).startFrame());
      double planned = cut.plannedFrame() / (double) fps;
      List<Double> near = plan.beatSeconds().stream().filter(beat -> Math.abs(beat - planned) <= window + 1e-9)
          .toList();
      switch (cut.snap()) {
        case NOT_ASKED -> assertThat(plan.snapsCut(cut.segment())).isFalse();
        case ON_NEAREST_BEAT, ON_REACHABLE_BEAT -> {
          assertThat(Math.abs(cut.frame() - cut.beatSeconds() * fps)).isLessThan(1.0);
          assertThat(near).contains(cut.beatSeconds());
          if (cut.snap() == CutSnap.ON_NEAREST_BEAT) {
            assertThat(near).allSatisfy(beat ->
                assertThat(Math.abs(beat - planned)).isGreaterThanOrEqualTo(Math.abs(cut.beatSeconds() - planned)));
          }
        }
        case NO_BEAT_NEAR -> {
          assertThat(near).isEmpty();
          assertThat(cut.frame()).isEqualTo(cut.plannedFrame());
        }
        case NO_BEAT_REACHABLE -> {
          assertThat(near).isNotEmpty();
          assertThat(cut.frame()).isEqualTo(cut.plannedFrame());
        }
      }
    }

    List<EdlEvent> events = timeline.edlEvents();
    for (int index = 0; index < count; index++) {
      assertThat(Timecode.parse(events.get(index).recordIn(), fps)).isEqualTo(placed.get(index).startFrame());
      int recordOut = Timecode.parse(events.get(index).recordOut(), fps);
      assertThat(recordOut).isEqualTo(index + 1 < count ? placed.get(index + 1).startFrame() : timeline.frameCount());
      assertThat(Timecode.parse(events.get(index).sourceOut(), fps) - Timecode.parse(events.get(index).sourceIn(), fps))
          .isEqualTo(recordOut - placed.get(index).startFrame());
    }
    assertThat(Cmx3600Reader.read(Edl.cmx3600("p", fps, events)).lines())
        .hasSize(count + (int) events.stream().filter(event -> event.transition().equals("D")).count());
  }

  private static Case randomCase(Random random) {
    int fps = RATES[random.nextInt(RATES.length)];
    int count = 1 + random.nextInt(8);
    int[] overlap = new int[count + 1];
    for (int index = 1; index < count; index++) {
      overlap[index] = random.nextBoolean() ? 0 : 1 + random.nextInt(8);
    }
    int[] nominal = new int[count];
    int[] limit = new int[count];
    var durations = new ArrayList<Double>();
    var segments = new ArrayList<StitchSegment>();
    int total = 0;
    for (int index = 0; index < count; index++) {
      nominal[index] = overlap[index] + overlap[index + 1] + 1 + random.nextInt(60);
      int inFrame = random.nextInt(20);
      int spare = random.nextInt(12);
      limit[index] = nominal[index] + spare;
      double in = inFrame / (double) fps;
      durations.add((inFrame + nominal[index] + spare) / (double) fps);
      Transition transition = overlap[index] > 0
          ? Transition.crossfade(overlap[index] / (double) fps)
          : index > 0 && random.nextInt(4) == 0 ? Transition.MATCH_ON_BEAT : Transition.CUT;
      segments.add(new StitchSegment(Path.of("clip" + index + ".mp4"), "shot " + index, "model", in,
          in + nominal[index] / (double) fps, transition, null));
      total += nominal[index] - overlap[index];
    }
    double period = 0.3 + 0.7 * random.nextDouble();
    var beats = new ArrayList<Double>();
    for (double beat = 0.1 + period * random.nextDouble(); beat < total / (double) fps + 3; beat += period) {
      // Some jitter, as a beat tracker's output has; small enough to keep the beats in order.
      beats.add(beat + (random.nextDouble() - 0.5) * 0.1 * period);
    }
    StitchPlan plan = StitchPlan.builder(320, 180, fps).segments(segments).beats(beats, random.nextBoolean()).build();
    return new Case(plan, durations, nominal, overlap, limit);
  }
}
