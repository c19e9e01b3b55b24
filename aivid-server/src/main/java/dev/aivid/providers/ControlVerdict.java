package dev.aivid.providers;

import java.util.Locale;

/**
 * What one adapter did with one control of the shot: the same vocabulary as preflight.
 *
 * @param control {@code @Image1}, {@code camera_path}, {@code seed}, {@code negative_prompt},
 *     {@code frame_rate}…
 * @param detail how it was honoured or approximated, or why it was dropped
 */
public record ControlVerdict(String control, Fidelity fidelity, String detail) {
  public enum Fidelity {
    HONOURED,
    APPROXIMATED,
    DROPPED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static ControlVerdict honoured(String control, String detail) {
    return new ControlVerdict(control, Fidelity.HONOURED, detail);
  }

  public static ControlVerdict approximated(String control, String detail) {
    return new ControlVerdict(control, Fidelity.APPROXIMATED, detail);
  }

  public static ControlVerdict dropped(String control, String detail) {
    return new ControlVerdict(control, Fidelity.DROPPED, detail);
  }
}
