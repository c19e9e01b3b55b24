package dev.aivid.storage;

import java.io.IOException;
import java.io.InputStream;

/** Reads at most a fixed number of bytes from another stream, and closes it. */
final class BoundedInputStream extends InputStream {
  private final InputStream input;
  private long remaining;

  BoundedInputStream(InputStream input, long limitBytes) {
    this.input = input;
    this.remaining = limitBytes;
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int value = input.read();
    if (value >= 0) {
      remaining--;
    }
    return value;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (remaining <= 0) {
      return length == 0 ? 0 : -1;
    }
    int read = input.read(buffer, offset, (int) Math.min(length, remaining));
    if (read > 0) {
      remaining -= read;
    }
    return read;
  }

  @Override
  public long skip(long count) throws IOException {
    long skipped = input.skip(Math.min(count, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(input.available(), remaining);
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}
