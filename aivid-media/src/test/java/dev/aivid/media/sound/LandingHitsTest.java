package dev.aivid.media.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.media.bvh.BvhAnalysis;
import dev.aivid.media.bvh.BvhLanding;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandingHitsTest {

  @Test
  void theLandingDetectorFindsBothFeetOnTheKnownFramesOfTheDropJump() {
    List<BvhLanding> landings = BvhAnalysis.of(DropJump.clip()).landings();

    assertThat(landings).extracting(BvhLanding::frameIndex).containsExactly(
        DropJump.DROP_LANDING_FRAME, DropJump.DROP_LANDING_FRAME,
        DropJump.REBOUND_LANDING_FRAME, DropJump.REBOUND_LANDING_FRAME);
    assertThat(landings).extracting(BvhLanding::jointName)
        .containsExactly("LeftFoot", "RightFoot", "LeftFoot", "RightFoot");
  }

  @Test
  void landingsGoToTheFirstOutputFrameAtOrAfterTheContact() {
    // 149 / 120 s · 30 fps = 37.25 → frame 38; 213 / 120 · 30 = 53.25 → 54.
    List<LandingHit> hits = LandingHits.fromBvh(DropJump.clip(), 30);

    assertThat(hits).containsExactly(
        new LandingHit(38, 38 / 30.0, "LeftFoot"), new LandingHit(38, 38 / 30.0, "RightFoot"),
        new LandingHit(54, 54 / 30.0, "LeftFoot"), new LandingHit(54, 54 / 30.0, "RightFoot"));
  }

  @Test
  void atTheSourceRateTheOutputFramesAreTheSourceFrames() {
    assertThat(LandingHits.fromBvh(DropJump.clip(), DropJump.FRAMES_PER_SECOND))
        .extracting(LandingHit::outputFrame)
        .containsExactly(149, 149, 213, 213);
  }

  @Test
  void atTwentyFourFramesPerSecondTheFramesRoundUp() {
    // 149 / 120 · 24 = 29.8 → 30; 213 / 120 · 24 = 42.6 → 43.
    assertThat(LandingHits.fromBvh(DropJump.clip(), 24)).extracting(LandingHit::outputFrame)
        .containsExactly(30, 30, 43, 43);
  }

  @Test
  void aLandingOnAnOutputFrameStaysOnItWhenTheFileRoundsTheFrameTimeUp() {
    // 0.008334 s instead of 1/120: frame 149 is at 1.241766 s, 149.012 output frames at 120 fps, not 150.
    assertThat(LandingHits.fromBvh(DropJump.clip("0.008334"), 120)).extracting(LandingHit::outputFrame)
        .containsExactly(149, 149, 213, 213);
  }

  @Test
  void distinctTimesMergeFeetLandingTogether() {
    assertThat(LandingHits.times(LandingHits.fromBvh(DropJump.clip(), 30))).containsExactly(38 / 30.0, 54 / 30.0);
  }

  @Test
  void rejectsANonPositiveFrameRate() {
    assertThatThrownBy(() -> LandingHits.fromBvh(DropJump.clip(), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
