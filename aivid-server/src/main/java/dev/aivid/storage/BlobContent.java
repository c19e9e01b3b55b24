package dev.aivid.storage;

import java.io.IOException;
import java.io.InputStream;

/** An open object: the caller reads {@code lengthBytes} bytes from {@code stream} and closes it. */
public record BlobContent(InputStream stream, long lengthBytes) implements AutoCloseable {
  public BlobContent {
    if (lengthBytes < 0) {
      throw new IllegalArgumentException("lengthBytes must be zero or more");
    }
  }

  public byte[] readAllBytes() {
    try (InputStream input = stream) {
      return input.readAllBytes();
    } catch (IOException e) {
      throw new StorageException("blob_unreadable", "Cannot read a stored object", e);
    }
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException ignored) {
      // Nothing was written; a failed close of a read stream loses nothing.
    }
  }
}
