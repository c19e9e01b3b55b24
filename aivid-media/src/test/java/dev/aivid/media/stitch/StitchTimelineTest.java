package dev.aivid.media.stitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.media.MediaException;
import dev.aivid.media.audio.DecodedAudio;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StitchTimelineTest {

  private static final Path CLIP = Path.of("clip.mp4");
  private static final int FPS = 24;

  @Test
  void cutsFollowEachOtherAndCrossfadesOverlapByTheirLength() {
    var plan = StitchPlan.of(320, 180, FPS, List.of(
        StitchSegment.cut(CLIP, "a", "m", 0, 2),
        StitchSegment.cut(CLIP, "b", "m", 1, 3).withTransitionIn(Transition.crossfade(0.5)),
        StitchSegment.cut(CLIP, "c", "m", 0, 1)));

    StitchTimeline timeline = StitchTimeline.place(plan, List.of(2.0, 3.0, 1.0));

    assertThat(timeline.segments()).extracting(PlacedSegment::startFrame).containsExactly(0, 36, 84);
    assertThat(timeline.segments()).extracting(PlacedSegment::frameCount).containsExactly(48, 48, 24);
    assertThat(timeline.frameCount()).isEqualTo(48 + 48 + 24 - 12);
    assertThat(timeline.durationSeconds()).isEqualTo(4.5);
    assertThat(timeline.cuts()).extracting(StitchCut::snap).containsOnly(CutSnap.NOT_ASKED);
    assertThat(timeline.edlEvents().get(1).sourceIn()).isEqualTo("00:00:01:00");
  }

  @Test
  void aSnappedCutMovesToTheNearestBeatByTrimmingOrExtendingTheOutgoingShot() {
    var plan = StitchPlan.builder(320, 180, FPS)
        .segment(StitchSegment.cut(CLIP, "a", "m", 0, 1.0))
        .segment(StitchSegment.cut(CLIP, "b", "m", 0, 1.0))
        .segment(StitchSegment.cut(CLIP, "c", "m", 0, 1.0))
        .beats(List.of(0.5, 1.1, 1.7, 2.3), true)
        .build();

    StitchTimeline timeline = StitchTimeline.place(plan, List.of(2.0, 2.0, 2.0));

    // Cut 1 planned at 1.0 s → beat 1.1 s (frame 26, extended);
    // cut 2 planned at 26 + 24 = 50 (2.083 s) → beat 2.3 s (frame 55).
    assertThat(timeline.cuts()).extracting(StitchCut::frame).containsExactly(26, 55);
    assertThat(timeline.cuts()).extracting(StitchCut::plannedFrame).containsExactly(24, 50);
    assertThat(timeline.cuts()).extracting(StitchCut::snap).containsOnly(CutSnap.ON_NEAREST_BEAT);
    assertThat(timeline.segments()).extracting(PlacedSegment::frameCount).containsExactly(26, 29, 24);
    assertThat(timeline.frameCount()).isEqualTo(79);
  }

  @Test
  void whenTheNearestBeatIsBeyondTheSourceTheCutTakesTheNearestReachableOne() {
    var plan = StitchPlan.builder(320, 180, FPS)
        .segment(StitchSegment.cut(CLIP, "a", "m", 0, 1.4))
        .segment(StitchSegment.cut(CLIP, "b", "m", 0, 1.0))
        .beats(List.of(1.25, 1.48, 2.0, 2.5), true)
        .build();

    // The first source has 34 frames; beat 1.48 s (frame 35.52) needs 35 or 36.
    StitchTimeline timeline = StitchTimeline.place(plan, List.of(34.0 / FPS, 2.0));

    StitchCut cut = timeline.cuts().getFirst();
    assertThat(cut.plannedFrame()).isEqualTo(34);
    assertThat(cut.snap()).isEqualTo(CutSnap.ON_REACHABLE_BEAT);
    assertThat(cut.beatSeconds()).isEqualTo(1.25);
    assertThat(cut.frame()).isEqualTo(30);
  }

  @Test
  void aBeatLessThanAFramePastTheOutgoingShotsLastFrameIsMetOnTheFrameBeforeIt() {
    var plan = StitchPlan.builder(320, 180, FPS)
        .segment(StitchSegment.cut(CLIP, "a", "m", 0, 1.0))
        .segment(StitchSegment.cut(CLIP, "b", "m", 0, 1.0))
        .beats(List.of(0.53, 1.03, 1.53, 2.03), true)
        .build();

    // Beat 1.03 s is frame 24.72: frame 25 needs a 25th frame of a 24-frame source, frame 24 is 0.72 frames early.
    StitchTimeline timeline = StitchTimeline.place(plan, List.of(1.0, 1.0));

    StitchCut cut = timeline.cuts().getFirst();
    assertThat(cut.plannedFrame()).isEqualTo(24);
    assertThat(cut.frame()).isEqualTo(24);
    assertThat(cut.snap()).isEqualTo(CutSnap.ON_NEAREST_BEAT);
    assertThat(cut.beatSeconds()).isEqualTo(1.03);
  }

  @Test
  void aCutWithNoBeatWithinHalfABeatStaysAndSaysSo() {
    var plan = StitchPlan.builder(320, 180, FPS)
        .segment(StitchSegment.cut(CLIP, "a", "m", 0, 1.0))
        .segment(StitchSegment.cut(CLIP, "b", "m", 0, 1.0).withTransitionIn(Transition.MATCH_ON_BEAT))
        .segment(StitchSegment.cut(CLIP, "c", "m", 0, 1.0))
        .beats(List.of(10.0, 10.5, 11.0), false)
        .build();

    StitchTimeline timeline = StitchTimeline.place(plan, List.of(2.0, 2.0, 2.0));

    assertThat(timeline.cuts()).extracting(StitchCut::snap).containsExactly(CutSnap.NO_BEAT_NEAR, CutSnap.NOT_ASKED);
    assertThat(timeline.cuts()).extracting(StitchCut::frame).containsExactly(24, 48);
  }

  @Test
  void onlyMatchOnBeatCutsSnapWhenThePlanDoesNotSnapEveryCut() {
    var plan = StitchPlan.builder(320, 180, FPS)
        .segment(StitchSegment.cut(CLIP, "a", "m", 0, 1.0))
        .segment(StitchSegment.cut(CLIP, "b", "m", 0, 1.0))
        .segment(StitchSegment.cut(CLIP, "c", "m", 0, 1.0).withTransitionIn(Transition.MATCH_ON_BEAT))
        .beats(List.of(0.9, 1.9, 2.05), false)
        .build();

    StitchTimeline timeline = StitchTimeline.place(plan, List.of(2.0, 2.0, 2.0));

    assertThat(timeline.cuts()).extracting(StitchCut::snap).containsExactly(CutSnap.NOT_ASKED, CutSnap.ON_NEAREST_BEAT);
    assertThat(timeline.cuts()).extracting(StitchCut::frame).containsExactly(24, 49);
  }

  @Test
  void anOutPointBeyondTheSourceIsRejected() {
    var plan = StitchPlan.of(320, 180, FPS, List.of(StitchSegment.cut(CLIP, "a", "m", 0, 2.5)));

    assertThatThrownBy(() -> StitchTimeline.place(plan, List.of(2.0)))
        .isInstanceOfSatisfying(MediaException.class,
            failure -> assertThat(failure.code()).isEqualTo(StitchErrorCodes.SEGMENT_OUT_OF_RANGE));
  }

  @Test
  void malformedPlansAreRejectedWithThePlanCode() {
    var segment = StitchSegment.cut(CLIP, "a", "m", 0, 1);
    List<Runnable> malformed = List.of(
        () -> StitchPlan.of(321, 180, FPS, List.of(segment)),
        () -> StitchPlan.of(320, 180, 0, List.of(segment)),
        () -> StitchPlan.of(320, 180, FPS, List.of()),
        () -> StitchPlan.of(320, 180, FPS, List.of(segment.withTransitionIn(Transition.crossfade(0.2)))),
        () -> StitchPlan.of(320, 180, FPS, List.of(segment, segment.withTransitionIn(Transition.crossfade(1.0)))),
        () -> StitchPlan.builder(320, 180, FPS).segment(segment).segment(segment).beats(List.of(1.0), true).build(),
        () -> StitchPlan.of(320, 180, FPS, List.of(segment, segment.withTransitionIn(Transition.MATCH_ON_BEAT))),
        () -> StitchPlan.builder(320, 180, FPS).segment(segment).beats(List.of(1.0, 0.5), false).build(),
        () -> StitchPlan.builder(320, 180, FPS).segment(segment).foley(List.of(-1.0), 0).build(),
        () -> StitchPlan.builder(320, 180, FPS).segment(segment)
            .soundtrack(new DecodedAudio(new float[10], 44_000)).build(),
        () -> StitchPlan.of(320, 180, 10, List.of(segment, segment.withTransitionIn(Transition.crossfade(0.01)))),
        () -> StitchSegment.cut(CLIP, "a", "m", 1, 1),
        () -> StitchSegment.cut(CLIP, " ", "m", 0, 1),
        () -> segment.withAudioGainDb(40.0),
        () -> Transition.crossfade(0));
    for (Runnable attempt : malformed) {
      assertThatThrownBy(attempt::run)
          .isInstanceOfSatisfying(MediaException.class,
              failure -> assertThat(failure.code()).isEqualTo(StitchErrorCodes.PLAN_INVALID));
    }
  }
}
