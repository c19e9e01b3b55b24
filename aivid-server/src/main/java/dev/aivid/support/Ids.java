package dev.aivid.support;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Generates prefixed random identifiers from an injected source of randomness. */
public final class Ids {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private final RandomGenerator random;

  public Ids(RandomGenerator random) {
    this.random = random;
  }

  /** {@code prefix_} followed by {@code hexCharacters} lowercase hex digits, like OpenAI's ids. */
  public String hex(String prefix, int hexCharacters) {
    byte[] bytes = new byte[(hexCharacters + 1) / 2];
    random.nextBytes(bytes);
    return prefix + "_" + HexFormat.of().formatHex(bytes).substring(0, hexCharacters);
  }

  public String alphanumeric(int length) {
    StringBuilder builder = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      builder.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return builder.toString();
  }
}
