package dev.aivid.preflight;

import dev.aivid.assets.StackKind;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One stack entry as preflight sees it: its kind, mention token, names, the metadata probing found,
 * an inline value (frame rate, seed), and its bytes, read only when a rule needs to parse them (a
 * BVH, a camera path, a mask).
 *
 * @param index position in the stack, 0-based
 * @param name the name an explicit {@code @name} mention matches (given name or file stem)
 * @param fileName the uploaded file's name, for messages
 */
public record PreflightInput(
    int index,
    StackKind kind,
    String mention,
    @Nullable String name,
    @Nullable String fileName,
    Map<String, Object> metadata,
    @Nullable Double value,
    @Nullable Supplier<byte[]> content) {
  public PreflightInput {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mention, "mention");
    metadata = Map.copyOf(metadata);
    if (kind.isInline() && value == null) {
      throw new IllegalArgumentException(kind.wireName() + " needs a value");
    }
    if (!kind.isInline() && content == null) {
      throw new IllegalArgumentException(kind.wireName() + " needs its content");
    }
  }

  /** {@code @Rig1 (walk.bvh)}, or {@code @Seed1 (= 42)} for inline values. */
  public String label() {
    if (value != null) {
      return mention + " (= " + formatValue(value) + ")";
    }
    return label(mention, fileName, name);
  }

  static String label(String mention, @Nullable String fileName, @Nullable String name) {
    String shown = fileName != null ? fileName : name;
    return shown == null ? mention : mention + " (" + shown + ")";
  }

  static String formatValue(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
