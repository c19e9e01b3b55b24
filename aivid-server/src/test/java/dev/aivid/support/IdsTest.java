package dev.aivid.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class IdsTest {
  @Test
  void timeOrderedIdsKeepTheHexShapeAndSortByTheMillisecondTheyWereMadeIn() {
    AtomicLong millis = new AtomicLong(Instant.parse("2026-11-25T12:00:00Z").toEpochMilli());
    InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    Ids ids = new Ids(new Random(7), clock);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      made.add(ids.timeOrdered("video", 32));
      millis.addAndGet(1);
    }

    assertThat(made).allSatisfy(id -> assertThat(id).matches("video_[0-9a-f]{32}"));
    assertThat(made).isSorted();
    assertThat(made.getFirst()).startsWith("video_01a21293b600");
  }

  @Test
  void timeOrderedIdsMadeInTheSameMillisecondDifferInTheirRandomDigits() {
    Ids ids = new Ids(new Random(11), InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z")));
    HashSet<String> made = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(ids.timeOrdered("xfer", 24));
    }

    assertThat(made).hasSize(10_000);
    assertThat(made).allSatisfy(id -> assertThat(id.substring(5, 17)).isEqualTo("01a21293b600"));
  }

  @Test
  void aTimeOrderedIdTooShortToStayUnguessableIsRefused() {
    Ids ids = new Ids(new Random(1), InstantSource.system());

    assertThatThrownBy(() -> ids.timeOrdered("video", 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24");
  }
}
