package dev.aivid.jobs;

import java.util.Optional;

/** What {@code GET /v1/videos/{id}/content?variant=} can return. */
public enum ContentVariant {
  VIDEO("video"),
  THUMBNAIL("thumbnail"),
  SPRITESHEET("spritesheet");

  private final String wireName;

  ContentVariant(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ContentVariant> fromWireName(String value) {
    for (ContentVariant variant : values()) {
      if (variant.wireName.equals(value)) {
        return Optional.of(variant);
      }
    }
    return Optional.empty();
  }
}
