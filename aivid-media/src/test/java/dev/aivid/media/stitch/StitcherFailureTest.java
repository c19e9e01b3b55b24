package dev.aivid.media.stitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.media.MediaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StitcherFailureTest {

  @TempDir
  Path directory;

  @Test
  void aMissingOrUnreadableSegmentIsReportedByItsCode() throws Exception {
    Path text = Files.writeString(directory.resolve("notes.mp4"), "not a video");
    for (Path source : List.of(directory.resolve("missing.mp4"), text)) {
      var plan = StitchPlan.of(320, 180, 24, List.of(StitchSegment.cut(source, "a", "m", 0, 1)));

      assertThatThrownBy(() -> Stitcher.stitch(plan, directory.resolve("film.mp4")))
          .isInstanceOfSatisfying(MediaException.class,
              failure -> assertThat(failure.code()).isEqualTo(StitchErrorCodes.SEGMENT_UNREADABLE));
    }
    assertThat(directory.resolve("film.mp4")).doesNotExist();
  }

  @Test
  void anOutPointPastTheEndOfTheFileIsRejectedBeforeAnythingIsWritten() {
    Path red = TestClips.solid(directory.resolve("red.mp4"), 160, 90, 24, 24, TestClips.RED);
    var plan = StitchPlan.of(320, 180, 24, List.of(StitchSegment.cut(red, "a", "m", 0, 1.5)));

    assertThatThrownBy(() -> Stitcher.stitch(plan, directory.resolve("film.mp4")))
        .isInstanceOfSatisfying(MediaException.class,
            failure -> assertThat(failure.code()).isEqualTo(StitchErrorCodes.SEGMENT_OUT_OF_RANGE));
  }

  @Test
  void anInterruptedStitchLeavesNoFileAndKeepsTheInterruptFlag() throws Exception {
    Path red = TestClips.solid(directory.resolve("red.mp4"), 160, 90, 24, 24, TestClips.RED);
    var plan = StitchPlan.of(320, 180, 24, List.of(StitchSegment.cut(red, "a", "m", 0, 1)));
    Path film = directory.resolve("film.mp4");

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Stitcher.stitch(plan, film))
          .isInstanceOfSatisfying(MediaException.class,
              failure -> assertThat(failure.code()).isEqualTo(StitchErrorCodes.CANCELLED));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("red.mp4");
    }
  }
}
