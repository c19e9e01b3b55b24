package dev.aivid.media.stitch;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the event lines of a CMX3600 list by fixed columns (event 3, two spaces, reel 8, a space, channels 4,
 * two spaces, transition 4, a space, transition length 3, a space, four 11-character timecodes), so a writer that
 * shifts a column fails here instead of being forgiven by whitespace splitting.
 */
final class Cmx3600Reader {

  record Line(int number, String reel, String channels, String transition, int transitionFrames, String sourceIn,
      String sourceOut, String recordIn, String recordOut) {}

  record Listing(String title, String frameCodeMode, List<Line> lines, List<String> comments) {}

  private Cmx3600Reader() {}

  static Listing read(String text) {
    String title = null;
    String mode = null;
    var lines = new ArrayList<Line>();
    var comments = new ArrayList<String>();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("TITLE: ")) {
        title = line.substring(7);
      } else if (line.startsWith("FCM: ")) {
        mode = line.substring(5);
      } else if (line.startsWith("* ")) {
        comments.add(line.substring(2));
      } else if (!line.isEmpty()) {
        lines.add(event(line));
      }
    }
    return new Listing(title, mode, lines, comments);
  }

  private static Line event(String line) {
    if (line.length() != 76) {
      throw new IllegalArgumentException("an event line has 76 characters, this has " + line.length() + ": " + line);
    }
    requireBlank(line, 3, 5);
    requireBlank(line, 13, 14);
    requireBlank(line, 18, 20);
    requireBlank(line, 24, 25);
    requireBlank(line, 28, 29);
    String operand = line.substring(25, 28).strip();
    return new Line(Integer.parseInt(line.substring(0, 3)), line.substring(5, 13).strip(),
        line.substring(14, 18).strip(), line.substring(20, 24).strip(),
        operand.isEmpty() ? 0 : Integer.parseInt(operand),
        line.substring(29, 40), line.substring(41, 52), line.substring(53, 64), line.substring(65, 76));
  }

  private static void requireBlank(String line, int from, int to) {
    if (!line.substring(from, to).isBlank()) {
      throw new IllegalArgumentException("columns " + from + ".." + to + " must be blank in: " + line);
    }
  }
}
