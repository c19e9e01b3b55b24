package dev.aivid.stack;

import dev.aivid.assets.Asset;
import dev.aivid.assets.StackKind;
import org.jspecify.annotations.Nullable;

/**
 * A validated entry. {@code ordinal} is its 1-based position among entries of the same kind, so
 * the entry is {@code @Image2} when it is the second image.
 */
public record StackEntry(
    int index,
    StackKind kind,
    int ordinal,
    @Nullable Asset asset,
    @Nullable String name,
    @Nullable Double value) {

  public String mention() {
    return "@" + kind.mentionWord() + ordinal;
  }

  /** The name an explicit {@code @name} mention matches: the given name, else the file's stem. */
  public @Nullable String mentionName() {
    if (name != null) {
      return name;
    }
    if (asset == null || asset.name() == null) {
      return null;
    }
    String file = asset.name();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
