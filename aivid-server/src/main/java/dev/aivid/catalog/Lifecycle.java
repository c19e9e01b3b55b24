package dev.aivid.catalog;

import java.time.LocalDate;

/** Where a model stands: usable, on its way out, or gone (with what to use instead). */
public sealed interface Lifecycle {
  record Active() implements Lifecycle {}

  record Deprecated(LocalDate shutdownOn, String successor) implements Lifecycle {}

  record Retired(LocalDate since, String successor) implements Lifecycle {}
}
