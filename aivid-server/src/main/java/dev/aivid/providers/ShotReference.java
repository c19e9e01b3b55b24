package dev.aivid.providers;

import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One stack file sent to a provider.
 *
 * @param mention {@code @Image1}, {@code @Video2}…
 * @param kind the stack kind's wire name ({@code image}, {@code video}, {@code audio}, {@code
 *     style_reference}, {@code negative_reference}…)
 * @param role the text after the mention ("for character"), lower case; null when not mentioned
 * @param mediaType {@code image/png}, {@code video/mp4}…
 * @param sha256 content hash: the key under which the content is encoded and uploaded only once
 * @param encoded the content as base64, computed once per content and shared between attempts
 */
public record ShotReference(
    String mention,
    String kind,
    @Nullable String role,
    String mediaType,
    String sha256,
    long sizeBytes,
    Supplier<String> encoded) {
  public ShotReference {
    role = role == null || role.isBlank() ? null : role.strip().toLowerCase(Locale.ROOT);
  }

  /** A reference whose bytes are in hand (tests, small inputs). */
  public static ShotReference of(
      String mention, String kind, @Nullable String role, String mediaType, String sha256, byte[] content) {
    String base64 = Base64.getEncoder().encodeToString(content);
    return new ShotReference(mention, kind, role, mediaType, sha256, content.length, () -> base64);
  }

  public String base64() {
    return encoded.get();
  }

  public String dataUri() {
    return "data:" + mediaType + ";base64," + encoded.get();
  }

  public byte[] bytes() {
    return Base64.getDecoder().decode(encoded.get());
  }

  /** True when the role names any of the words (as a whole word or prefix, "character" ~ "characters"). */
  public boolean roleMentions(String... words) {
    if (role == null) {
      return false;
    }
    for (String word : words) {
      if (role.matches("(?s).*\\b" + java.util.regex.Pattern.quote(word) + ".*")) {
        return true;
      }
    }
    return false;
  }
}
