package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class RenderPollScheduleTest {
  private final AtomicLong millis = new AtomicLong(1_000_000);
  private final RenderPollSchedule schedule = new RenderPollSchedule(() -> Instant.ofEpochMilli(millis.get()));

  /** Polls a render that moves linearly over {@code renderMillis}; returns when its end was seen. */
  private long pollUntilDone(String job, long renderMillis, long startMillis) {
    while (true) {
      long elapsed = millis.get() - startMillis;
      if (elapsed >= renderMillis) {
        schedule.forget(job);
        return elapsed;
      }
      int percent = (int) Math.min(99, 100 * elapsed / renderMillis);
      millis.addAndGet(schedule.nextPollMillis(job, percent));
    }
  }

  @Test
  void aMovingRenderIsPolledEvery300Milliseconds() {
    assertThat(schedule.nextPollMillis("video_a", 0)).isEqualTo(300);
    millis.addAndGet(300);
    assertThat(schedule.nextPollMillis("video_a", 10)).isEqualTo(300);
    millis.addAndGet(300);
    assertThat(schedule.nextPollMillis("video_a", 20)).isEqualTo(300);
  }

  @Test
  void aRenderWhosePaceEndsItBeforeTheNextPollIsPolledJustAfterThePredictedEnd() {
    long start = millis.get();
    millis.addAndGet(300);

    long seenDoneAfter = pollUntilDone("video_b", 2_000, start);

    // Every 300 ms alone would first see it done at 2,100 ms.
    assertThat(seenDoneAfter).isBetween(2_000L, 2_000L + RenderPollSchedule.AFTER_PREDICTED_END_MILLIS + 20);
  }

  @Test
  void timeQueuedAtZeroPercentDoesNotSlowThePrediction() {
    long queuedUntil = millis.get() + 3_000;
    while (millis.get() < queuedUntil) {
      assertThat(schedule.nextPollMillis("video_c", 0)).isGreaterThanOrEqualTo(300);
      millis.addAndGet(300);
    }
    long start = millis.get();
    millis.addAndGet(300);

    long seenDoneAfter = pollUntilDone("video_c", 1_000, start);

    assertThat(seenDoneAfter).isLessThan(1_000L + RenderPollSchedule.AFTER_PREDICTED_END_MILLIS + 40);
  }

  @Test
  void aRenderThatOverrunsItsPredictionIsPolledEarlyAtMostTwiceThenEvery300Milliseconds() {
    schedule.nextPollMillis("video_d", 10);
    millis.addAndGet(300);
    schedule.nextPollMillis("video_d", 40);
    millis.addAndGet(300);
    int early = 0;
    for (int percent = 91; percent <= 99; percent++) {
      millis.addAndGet(100);
      long next = schedule.nextPollMillis("video_d", percent);
      assertThat(next).isGreaterThanOrEqualTo(RenderPollSchedule.MIN_EARLY_POLL_MILLIS);
      if (next < 300) {
        early++;
      }
    }

    assertThat(early).isEqualTo(RenderPollSchedule.MAX_EARLY_POLLS);
  }

  @Test
  void aPercentThatStopsMovingBacksOffToTwoSeconds() {
    long next = 0;
    for (int poll = 0; poll < 12; poll++) {
      next = schedule.nextPollMillis("video_e", 37);
      millis.addAndGet(next);
    }

    assertThat(next).isEqualTo(RenderPollSchedule.MAX_POLL_MILLIS);
    assertThat(schedule.nextPollMillis("video_e", 38)).isEqualTo(300);
  }

  @Test
  void aForgottenRenderStartsAgain() {
    schedule.nextPollMillis("video_f", 50);
    schedule.forget("video_f");

    assertThat(schedule.tracked()).isZero();
  }
}
