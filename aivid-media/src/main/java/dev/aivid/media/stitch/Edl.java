package dev.aivid.media.stitch;

import dev.aivid.media.MediaException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Writes edit decision lists: JSON for programs, CMX3600 for editing systems. */
public final class Edl {

  /** Reel of a clip without a usable name: CMX's "auxiliary source". */
  public static final String AUXILIARY_REEL = "AX";

  private static final int REEL_CHARS = 8;
  private static final int MAX_TITLE_CHARS = 70;

  private Edl() {}

  /**
   * A JSON array with one object per event; its keys are the {@link EdlEvent} component names in declaration order:
   * {@code number, reel, track, transition, transitionFrames, sourceIn, sourceOut, recordIn, recordOut, clipName,
   * model}.
   */
  public static String json(List<EdlEvent> events) {
    Objects.requireNonNull(events, "events");
    var json = new StringBuilder("[");
    for (int index = 0; index < events.size(); index++) {
      EdlEvent event = events.get(index);
      json.append(index == 0 ? "\n" : ",\n").append("  {")
          .append("\"number\": ").append(event.number())
          .append(", \"reel\": ").append(quote(event.reel()))
          .append(", \"track\": ").append(quote(event.track()))
          .append(", \"transition\": ").append(quote(event.transition()))
          .append(", \"transitionFrames\": ").append(event.transitionFrames())
          .append(", \"sourceIn\": ").append(quote(event.sourceIn()))
          .append(", \"sourceOut\": ").append(quote(event.sourceOut()))
          .append(", \"recordIn\": ").append(quote(event.recordIn()))
          .append(", \"recordOut\": ").append(quote(event.recordOut()))
          .append(", \"clipName\": ").append(quote(event.clipName()))
          .append(", \"model\": ").append(quote(event.model()))
          .append('}');
    }
    return json.append(events.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  /**
   * A CMX3600 list: {@code TITLE:} and {@code FCM: NON-DROP FRAME}, then per event its line, {@code * FROM CLIP NAME:}
   * and {@code * MODEL:}. A dissolve is two lines with the same event number, as CMX3600 writes an A/B roll: first the
   * outgoing reel as a zero-length cut at the dissolve's start (its source at the frame where the outgoing event
   * ended), then the incoming reel with {@code D} and the length in frames; its comments name both clips ({@code FROM}
   * and {@code TO}). Clip names and the title lose control characters; the title is cut to {@value #MAX_TITLE_CHARS}.
   *
   * <p>Columns follow the standard CMX3600 event form: event number (3), two spaces, reel (8, left-aligned), a space,
   * channels (4), two spaces, transition (4), a space, transition length (3), a space, then source in, source out,
   * record in and record out (11 each) separated by single spaces. These widths are those read by pycmx
   * (iluvcapra/pycmx, {@code parse_cmx_statements.py}, {@code _edl_column_widths}); the two-line dissolve is as in the
   * Final Cut Pro 7 User Manual, "Learning to Read an EDL" (a dissolve needs one line for the outgoing shot and one
   * for the incoming), whose outgoing line has zero duration (Videonics Edit Suite manual, CMX notes).
   *
   * @param framesPerSecond the rate the timecodes count; every timecode is checked against it
   * @throws MediaException {@link StitchErrorCodes#EDL_MALFORMED} when a timecode is out of range at that rate or the
   *     first event is a dissolve
   */
  public static String cmx3600(String title, int framesPerSecond, List<EdlEvent> events) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(events, "events");
    var edl = new StringBuilder();
    String cleanTitle = printable(title).strip();
    edl.append("TITLE: ").append(cleanTitle, 0, Math.min(cleanTitle.length(), MAX_TITLE_CHARS)).append('\n');
    edl.append("FCM: NON-DROP FRAME\n\n");
    EdlEvent previous = null;
    for (EdlEvent event : events) {
      for (String timecode : List.of(event.sourceIn(), event.sourceOut(), event.recordIn(), event.recordOut())) {
        Timecode.parse(timecode, framesPerSecond);
      }
      if (event.transition().equals(EdlEvent.DISSOLVE)) {
        if (previous == null) {
          throw new MediaException(StitchErrorCodes.EDL_MALFORMED,
              "event " + event.number() + " dissolves from nothing: the first event must be a cut");
        }
        edl.append(line(event.number(), previous.reel(), EdlEvent.CUT, 0, previous.sourceOut(), previous.sourceOut(),
            event.recordIn(), event.recordIn()));
        edl.append(line(event.number(), event.reel(), EdlEvent.DISSOLVE, event.transitionFrames(), event.sourceIn(),
            event.sourceOut(), event.recordIn(), event.recordOut()));
        edl.append("* FROM CLIP NAME: ").append(printable(previous.clipName())).append('\n');
        edl.append("* TO CLIP NAME: ").append(printable(event.clipName())).append('\n');
      } else {
        edl.append(line(event.number(), event.reel(), EdlEvent.CUT, 0, event.sourceIn(), event.sourceOut(),
            event.recordIn(), event.recordOut()));
        edl.append("* FROM CLIP NAME: ").append(printable(event.clipName())).append('\n');
      }
      edl.append("* MODEL: ").append(printable(event.model())).append('\n');
      previous = event;
    }
    return edl.toString();
  }

  /**
   * A CMX3600 reel for a clip: the model's letters and digits, upper-cased, at most eight; else the label's; else
   * {@value #AUXILIARY_REEL}. The full model name is kept in the {@code * MODEL:} comment and the JSON.
   */
  public static String reelName(String model, String label) {
    String reel = reelCharacters(model);
    if (reel.isEmpty()) {
      reel = reelCharacters(label);
    }
    return reel.isEmpty() ? AUXILIARY_REEL : reel;
  }

  private static String reelCharacters(String name) {
    var reel = new StringBuilder();
    for (int index = 0; index < name.length() && reel.length() < REEL_CHARS; index++) {
      char character = name.charAt(index);
      if ((character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z')
          || (character >= '0' && character <= '9')) {
        reel.append(Character.toUpperCase(character));
      }
    }
    return reel.toString();
  }

  private static String line(int number, String reel, String transition, int transitionFrames, String sourceIn,
      String sourceOut, String recordIn, String recordOut) {
    return String.format(Locale.ROOT, "%03d  %-8s %-4s  %-4s %3s %s %s %s %s\n", number, reel, EdlEvent.VIDEO_TRACK,
        transition, transitionFrames == 0 ? "" : String.format(Locale.ROOT, "%03d", transitionFrames), sourceIn,
        sourceOut, recordIn, recordOut);
  }

  /** Line breaks or other control characters in a name would start a new, meaningless EDL statement. */
  private static String printable(String text) {
    var clean = new StringBuilder(text.length());
    text.codePoints().forEach(point -> clean.appendCodePoint(Character.isISOControl(point) ? ' ' : point));
    return clean.toString();
  }

  private static String quote(String text) {
    var quoted = new StringBuilder(text.length() + 2).append('"');
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      switch (character) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (character < 0x20) {
            quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) character));
          } else {
            quoted.append(character);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
