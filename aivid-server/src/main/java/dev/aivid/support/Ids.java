package dev.aivid.support;

import java.time.InstantSource;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Generates prefixed identifiers from an injected source of randomness and clock. */
public final class Ids {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  /** Twelve hex digits of milliseconds since 1970 last until the year 10889. */
  private static final int TIME_HEX_CHARACTERS = 12;

  private final RandomGenerator random;
  private final InstantSource clock;

  public Ids(RandomGenerator random, InstantSource clock) {
    this.random = random;
    this.clock = clock;
  }

  public Ids(RandomGenerator random) {
    this(random, InstantSource.system());
  }

  /** {@code prefix_} followed by {@code hexCharacters} lowercase hex digits, like OpenAI's ids. */
  public String hex(String prefix, int hexCharacters) {
    return prefix + "_" + randomHex(hexCharacters);
  }

  /**
   * Like {@link #hex}, but the first twelve digits are the creation millisecond, so ids made later
   * sort later. A table keyed by them takes each new row at the right-hand end of its primary-key
   * index instead of on a random page (as TigerBeetle advises for its transfer ids); the rest of
   * the digits stay random, so ids are still unguessable.
   */
  public String timeOrdered(String prefix, int hexCharacters) {
    if (hexCharacters < TIME_HEX_CHARACTERS + 12) {
      throw new IllegalArgumentException("A time-ordered id needs at least 24 hex digits");
    }
    String time = String.format("%0" + TIME_HEX_CHARACTERS + "x", clock.millis());
    return prefix + "_" + time + randomHex(hexCharacters - TIME_HEX_CHARACTERS);
  }

  private String randomHex(int hexCharacters) {
    byte[] bytes = new byte[(hexCharacters + 1) / 2];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, hexCharacters);
  }

  public String alphanumeric(int length) {
    StringBuilder builder = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      builder.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return builder.toString();
  }
}
