package dev.aivid.credits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Decimal credits on the API, integer micro-credits in storage: 1 credit = 1,000,000 micros. */
public final class Credits {
  public static final long MICROS_PER_CREDIT = 1_000_000L;
  /** Far above any real balance, far below overflow when a few of them are added. */
  public static final long MAX_MICROS = 1_000_000_000_000_000L;

  private Credits() {}

  public static String format(long micros) {
    return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
  }

  /** Parses "12", "0.5" or "1.000001"; empty for anything else, more than 6 decimals included. */
  public static Optional<Long> parse(String text) {
    if (text.length() > 40 || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(text);
    if (value.scale() > 6 && value.stripTrailingZeros().scale() > 6) {
      return Optional.empty();
    }
    BigDecimal micros = value.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY);
    if (micros.abs().compareTo(BigDecimal.valueOf(MAX_MICROS)) > 0) {
      return Optional.empty();
    }
    return Optional.of(micros.longValueExact());
  }
}
