package dev.aivid.storage;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * An object read from where the reader first reads: skips before the first read only move the
 * start, so serving an HTTP Range fetches that range from the backend instead of everything before
 * it.
 */
final class SeekableBlobInputStream extends InputStream {
  private final BlobBackend backend;
  private final String key;
  private final long sizeBytes;
  private long position;
  private @Nullable InputStream open;
  private boolean closed;

  SeekableBlobInputStream(BlobBackend backend, String key, long sizeBytes) {
    this.backend = backend;
    this.key = key;
    this.sizeBytes = sizeBytes;
  }

  @Override
  public long skip(long count) throws IOException {
    if (open != null) {
      return open.skip(count);
    }
    long skipped = Math.max(0, Math.min(count, sizeBytes - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int read() throws IOException {
    return stream().read();
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return stream().read(buffer, offset, length);
  }

  private InputStream stream() throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
    if (open == null) {
      open =
          backend
              .get(key, position, sizeBytes - position)
              .orElseThrow(() -> new IOException("Object " + key + " is missing"))
              .stream();
    }
    return open;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    if (open != null) {
      open.close();
    }
  }
}
