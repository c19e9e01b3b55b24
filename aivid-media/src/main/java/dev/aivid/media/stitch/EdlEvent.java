package dev.aivid.media.stitch;

import dev.aivid.media.MediaException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event of the edit decision list: which frames of which generated clip fill which frames of the film.
 *
 * @param number 1..999, in film order
 * @param reel up to eight letters, digits or underscores (the CMX3600 reel field); derived from the model
 * @param track {@code "V"}
 * @param transition {@code "C"} (cut) or {@code "D"} (dissolve from the previous event)
 * @param transitionFrames the dissolve's length in frames; 0 for a cut
 * @param sourceIn timecode {@code HH:MM:SS:FF} in the source, counted at the board's rate from its first frame
 * @param sourceOut exclusive, as in CMX3600
 * @param recordIn timecode in the film where the event starts
 * @param recordOut exclusive: where the next event starts
 * @param clipName the shot's label
 * @param model the model that made these frames
 */
public record EdlEvent(
    int number,
    String reel,
    String track,
    String transition,
    int transitionFrames,
    String sourceIn,
    String sourceOut,
    String recordIn,
    String recordOut,
    String clipName,
    String model) {

  public static final String VIDEO_TRACK = "V";
  public static final String CUT = "C";
  public static final String DISSOLVE = "D";

  private static final Pattern REEL = Pattern.compile("[A-Za-z0-9_]{1,8}");

  public EdlEvent {
    Objects.requireNonNull(reel, "reel");
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(sourceIn, "sourceIn");
    Objects.requireNonNull(sourceOut, "sourceOut");
    Objects.requireNonNull(recordIn, "recordIn");
    Objects.requireNonNull(recordOut, "recordOut");
    Objects.requireNonNull(clipName, "clipName");
    Objects.requireNonNull(model, "model");
    if (number < 1 || number > 999) {
      throw invalid("event number must be within 1..999, was " + number);
    }
    if (!REEL.matcher(reel).matches()) {
      throw invalid("reel must be 1..8 letters, digits or underscores, was '" + reel + "'");
    }
    if (!track.equals(VIDEO_TRACK)) {
      throw invalid("track must be V, was " + track);
    }
    boolean cut = transition.equals(CUT);
    if (!cut && !transition.equals(DISSOLVE)) {
      throw invalid("transition must be C or D, was " + transition);
    }
    if (cut ? transitionFrames != 0 : transitionFrames < 1 || transitionFrames > 999) {
      throw invalid("a cut has 0 transition frames and a dissolve 1..999, was " + transition + " " + transitionFrames);
    }
    for (String timecode : new String[] {sourceIn, sourceOut, recordIn, recordOut}) {
      if (!Timecode.isShaped(timecode)) {
        throw invalid("not a HH:MM:SS:FF timecode: " + timecode);
      }
    }
  }

  private static MediaException invalid(String message) {
    return new MediaException(StitchErrorCodes.EDL_MALFORMED, message);
  }
}
