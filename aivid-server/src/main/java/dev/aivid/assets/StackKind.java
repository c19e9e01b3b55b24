package dev.aivid.assets;

import dev.aivid.media.detect.ContentType.Family;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The twelve roles a file (or an inline value) can play in a director's input stack. */
public enum StackKind {
  IMAGE("Image", Group.IMAGE, Set.of(Family.IMAGE)),
  VIDEO("Video", Group.VIDEO, Set.of(Family.VIDEO)),
  AUDIO("Audio", Group.AUDIO, Set.of(Family.AUDIO)),
  DEPTH_MAP("Depth", Group.IMAGE, Set.of(Family.IMAGE)),
  SKELETAL_RIG("Rig", Group.OTHER, Set.of(Family.MOTION)),
  STYLE_REFERENCE("Style", Group.IMAGE, Set.of(Family.IMAGE)),
  CAMERA_PATH("Camera", Group.OTHER, Set.of(Family.DATA)),
  NEGATIVE_REFERENCE("Negative", Group.IMAGE, Set.of(Family.IMAGE)),
  REGIONAL_MASK("Mask", Group.IMAGE, Set.of(Family.IMAGE)),
  COLOR_PALETTE("Palette", Group.IMAGE, Set.of(Family.IMAGE, Family.DATA)),
  FRAME_RATE("FrameRate", Group.OTHER, Set.of()),
  SEED("Seed", Group.OTHER, Set.of());

  /** The brief's per-stack limits count image-like kinds together, videos, and audio. */
  public enum Group {
    IMAGE,
    VIDEO,
    AUDIO,
    OTHER
  }

  private final String mentionWord;
  private final Group group;
  private final Set<Family> families;

  StackKind(String mentionWord, Group group, Set<Family> families) {
    this.mentionWord = mentionWord;
    this.group = group;
    this.families = families;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The word used in prompts: {@code @Image1}, {@code @Rig2}, {@code @Camera1}… */
  public String mentionWord() {
    return mentionWord;
  }

  public Group group() {
    return group;
  }

  /** Inline kinds carry a value, not a file. */
  public boolean isInline() {
    return families.isEmpty();
  }

  public boolean accepts(Family family) {
    return families.contains(family);
  }

  public static Optional<StackKind> fromWireName(String value) {
    for (StackKind kind : values()) {
      if (kind.wireName().equals(value.toLowerCase(Locale.ROOT))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  public static Optional<StackKind> fromMentionWord(String word) {
    for (StackKind kind : values()) {
      if (kind.mentionWord.equalsIgnoreCase(word)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
