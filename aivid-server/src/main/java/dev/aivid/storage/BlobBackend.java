package dev.aivid.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where blob bytes live: a directory on this node, or an S3 bucket every node shares. Keys are
 * slash-separated relative names ({@code ab/abcdef…}); an object is replaced whole or not at all,
 * so a reader never sees half of one.
 */
public sealed interface BlobBackend permits LocalDiskBlobStore, S3BlobStore {
  Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

  /** Stores the file under {@code key}, replacing any object there; the file is consumed. */
  void putFile(String key, Path file);

  /** Stores exactly {@code lengthBytes} bytes read from {@code input} under {@code key}. */
  void put(String key, InputStream input, long lengthBytes);

  Optional<BlobContent> get(String key);

  /**
   * At most {@code lengthBytes} bytes from {@code offsetBytes} on; fewer at the end of the object,
   * none past it.
   */
  Optional<BlobContent> get(String key, long offsetBytes, long lengthBytes);

  boolean exists(String key);

  /** Removes the object; removing a missing one is not an error. */
  void delete(String key);

  static String checkedKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("Invalid blob key '" + key + "'");
    }
    return key;
  }

  static void checkRange(long offsetBytes, long lengthBytes) {
    if (offsetBytes < 0 || lengthBytes < 0) {
      throw new IllegalArgumentException("offset and length must be zero or more");
    }
  }
}
