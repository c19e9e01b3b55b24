package dev.aivid.media.stitch;

import dev.aivid.media.MediaException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One shot of the film: the part {@code [inSeconds, outSeconds)} of {@code video}.
 *
 * @param video the generated clip; any size and frame rate FFmpeg decodes
 * @param label the shot's name on the board, e.g. {@code "S03 rooftop"}; the EDL's clip name
 * @param model the model that generated the clip, e.g. {@code "veo-3"}; the EDL's reel and model comment
 * @param inSeconds where the shot starts within the source, from its first frame
 * @param outSeconds where it ends within the source (exclusive); beat snapping may move it, see the package notes
 * @param transitionIn how the shot begins; the first shot's must be {@link Transition#CUT}
 * @param audioGainDb when present, the clip's own sound is mixed in at this gain; when absent it is left out
 */
public record StitchSegment(
    Path video,
    String label,
    String model,
    double inSeconds,
    double outSeconds,
    Transition transitionIn,
    @Nullable Double audioGainDb) {

  /** Longest stretch taken from one source: an hour. */
  public static final double MAX_SECONDS = 3_600;

  public static final double MIN_GAIN_DB = -60;
  public static final double MAX_GAIN_DB = 24;

  public StitchSegment {
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(transitionIn, "transitionIn");
    if (label.isBlank() || model.isBlank()) {
      throw invalid("label and model must not be blank");
    }
    if (!(inSeconds >= 0 && Double.isFinite(inSeconds))) {
      throw invalid("inSeconds must be finite and not negative, was " + inSeconds);
    }
    if (!(outSeconds > inSeconds && outSeconds - inSeconds <= MAX_SECONDS)) {
      throw invalid("outSeconds must be after inSeconds by at most " + MAX_SECONDS + " s, was " + inSeconds + ".."
          + outSeconds);
    }
    if (audioGainDb != null && !(audioGainDb >= MIN_GAIN_DB && audioGainDb <= MAX_GAIN_DB)) {
      throw invalid("audioGainDb must be within " + MIN_GAIN_DB + ".." + MAX_GAIN_DB + ", was " + audioGainDb);
    }
  }

  /** A shot from {@code inSeconds} to {@code outSeconds} joined by a cut, its own sound left out. */
  public static StitchSegment cut(Path video, String label, String model, double inSeconds, double outSeconds) {
    return new StitchSegment(video, label, model, inSeconds, outSeconds, Transition.CUT, null);
  }

  public StitchSegment withTransitionIn(Transition transition) {
    return new StitchSegment(video, label, model, inSeconds, outSeconds, transition, audioGainDb);
  }

  public StitchSegment withAudioGainDb(@Nullable Double gainDb) {
    return new StitchSegment(video, label, model, inSeconds, outSeconds, transitionIn, gainDb);
  }

  private static MediaException invalid(String message) {
    return new MediaException(StitchErrorCodes.PLAN_INVALID, message);
  }
}
