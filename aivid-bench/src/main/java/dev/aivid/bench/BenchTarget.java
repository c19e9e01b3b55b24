package dev.aivid.bench;

import java.net.URI;

/** A server under measurement that answers {@code GET videoUri()} with the same bytes each time. */
interface BenchTarget extends AutoCloseable {
  String name();

  URI videoUri();

  @Override
  void close();
}
