package dev.aivid.media.palette;

import dev.aivid.media.MediaException;
import dev.aivid.media.json.BoundedJsonReader;
import dev.aivid.media.json.JsonAccess;
import dev.aivid.media.json.JsonLimits;
import dev.aivid.media.json.JsonValue;
import dev.aivid.media.json.JsonValue.JsonArray;
import dev.aivid.media.json.JsonValue.JsonObject;
import dev.aivid.media.json.JsonValue.JsonString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Readers for palettes that list their colours: JSON and GIMP {@code .gpl}. */
final class ListedPalettes {

  static final int MAX_TEXT_BYTES = 1024 * 1024;
  static final String GIMP_HEADER = "GIMP Palette";

  private static final JsonLimits JSON_LIMITS = new JsonLimits(MAX_TEXT_BYTES, 4, 1024, 100_000);
  private static final JsonAccess ACCESS = new JsonAccess(PaletteErrors.SYNTAX);
  private static final Set<String> OBJECT_MEMBERS = Set.of("name", "colours", "colors");
  private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  private static final Pattern GIMP_COLOUR = Pattern.compile("(-?[0-9]{1,9})[ \\t]+(-?[0-9]{1,9})[ \\t]+(-?[0-9]{1,9})(?:[ \\t]+(.*))?");
  private static final Pattern GIMP_COLUMNS = Pattern.compile("[0-9]{1,3}");

  private ListedPalettes() {}

  /** A JSON array of colour strings, or {"name": "…", "colours": […]} ("colors" is accepted too). */
  static Palette json(byte[] bytes) {
    JsonValue root = BoundedJsonReader.read(bytes, JSON_LIMITS, PaletteErrors.SYNTAX);
    @Nullable String name = null;
    JsonArray entries;
    if (root instanceof JsonObject object) {
      ACCESS.allowOnly(object, OBJECT_MEMBERS, "");
      JsonValue nameValue = ACCESS.optional(object, "name");
      if (nameValue != null) {
        name = ACCESS.string(nameValue, "name");
      }
      JsonValue british = ACCESS.optional(object, "colours");
      JsonValue american = ACCESS.optional(object, "colors");
      if ((british == null) == (american == null)) {
        throw ACCESS.syntax("a palette object needs exactly one of colours or colors");
      }
      String member = british != null ? "colours" : "colors";
      entries = ACCESS.array(british != null ? british : american, member);
    } else {
      entries = ACCESS.array(root, "");
    }
    List<JsonValue> elements = entries.elements();
    requireCount(elements.size());
    List<Colour> colours = new ArrayList<>(elements.size());
    List<@Nullable String> names = new ArrayList<>(elements.size());
    for (int index = 0; index < elements.size(); index++) {
      JsonValue element = elements.get(index);
      if (!(element instanceof JsonString string)) {
        throw new MediaException(PaletteErrors.INVALID_COLOUR,
            "colour " + index + " must be a hex string such as \"#ff8800\", was " + element.typeName());
      }
      colours.add(hex(string.value(), index));
      names.add(null);
    }
    return listed(PaletteFormat.JSON, name, colours, names);
  }

  static Colour hex(String text, int index) {
    Matcher matcher = HEX.matcher(text);
    if (!matcher.matches()) {
      throw new MediaException(PaletteErrors.INVALID_COLOUR,
          "colour " + index + " \"" + abbreviate(text) + "\" is not 3 or 6 hex digits (optionally after #)");
    }
    String digits = matcher.group(1);
    if (digits.length() == 3) {
      digits = "" + digits.charAt(0) + digits.charAt(0) + digits.charAt(1) + digits.charAt(1) + digits.charAt(2) + digits.charAt(2);
    }
    return Colour.fromRgb(Integer.parseInt(digits, 16));
  }

  /**
   * GIMP's format: the first line is "GIMP Palette"; then optional "Name: …" and "Columns: n" lines, "#" comments,
   * blank lines, and colour lines "R G B [name]" with whitespace-separated decimal channels.
   */
  static Palette gimp(byte[] bytes) {
    if (bytes.length > MAX_TEXT_BYTES) {
      throw new MediaException(PaletteErrors.SYNTAX, "palette of " + bytes.length + " bytes exceeds " + MAX_TEXT_BYTES);
    }
    String text = utf8(bytes);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\r|\n", -1);
    if (!lines[0].strip().equals(GIMP_HEADER)) {
      throw new MediaException(PaletteErrors.SYNTAX, "a GIMP palette starts with the line \"" + GIMP_HEADER + "\"");
    }
    @Nullable String name = null;
    List<Colour> colours = new ArrayList<>();
    List<@Nullable String> names = new ArrayList<>();
    for (int index = 1; index < lines.length; index++) {
      String line = lines[index].strip();
      int lineNumber = index + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("Name:")) {
        name = line.substring("Name:".length()).strip();
        continue;
      }
      if (line.startsWith("Columns:")) {
        if (!GIMP_COLUMNS.matcher(line.substring("Columns:".length()).strip()).matches()) {
          throw new MediaException(PaletteErrors.SYNTAX, "line " + lineNumber + ": Columns must be a number 0..999");
        }
        continue;
      }
      Matcher matcher = GIMP_COLOUR.matcher(line);
      if (!matcher.matches()) {
        throw new MediaException(PaletteErrors.SYNTAX,
            "line " + lineNumber + ": expected \"R G B [name]\", found \"" + abbreviate(line) + "\"");
      }
      if (colours.size() == Palette.MAX_COLOURS) {
        throw new MediaException(PaletteErrors.TOO_MANY_COLOURS,
            "line " + lineNumber + ": more than " + Palette.MAX_COLOURS + " colours, the limit");
      }
      int red = channel(matcher.group(1), lineNumber);
      int green = channel(matcher.group(2), lineNumber);
      int blue = channel(matcher.group(3), lineNumber);
      colours.add(new Colour(red, green, blue));
      String colourName = matcher.group(4);
      names.add(colourName == null || colourName.isBlank() ? null : colourName.strip());
    }
    requireCount(colours.size());
    return listed(PaletteFormat.GIMP, name == null || name.isEmpty() ? null : name, colours, names);
  }

  private static int channel(String digits, int lineNumber) {
    int value = Integer.parseInt(digits);
    if (value < 0 || value > 255) {
      throw new MediaException(PaletteErrors.INVALID_COLOUR, "line " + lineNumber + ": channel " + value + " is outside 0..255");
    }
    return value;
  }

  private static Palette listed(PaletteFormat format, @Nullable String name, List<Colour> colours, List<@Nullable String> names) {
    double weight = 1.0 / colours.size();
    List<Swatch> swatches = new ArrayList<>(colours.size());
    for (int index = 0; index < colours.size(); index++) {
      swatches.add(new Swatch(colours.get(index), names.get(index), weight));
    }
    return new Palette(format, name, swatches);
  }

  private static void requireCount(int count) {
    if (count == 0) {
      throw new MediaException(PaletteErrors.EMPTY, "the palette lists no colours");
    }
    if (count > Palette.MAX_COLOURS) {
      throw new MediaException(PaletteErrors.TOO_MANY_COLOURS, count + " colours exceed the limit of " + Palette.MAX_COLOURS);
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException malformed) {
      throw new MediaException(PaletteErrors.SYNTAX, "GIMP palette is not valid UTF-8", malformed);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
