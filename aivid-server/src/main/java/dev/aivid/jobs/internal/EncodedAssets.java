package dev.aivid.jobs.internal;

import dev.aivid.storage.BlobStore;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stack files encoded for providers (base64), once per content hash and shared by every attempt,
 * so a failover to another provider neither re-reads nor re-encodes what the first one was sent.
 * Bounded by total characters, least recently used first out.
 */
public final class EncodedAssets {
  private final BlobStore blobs;
  private final long maxCharacters;
  private final LinkedHashMap<String, String> encoded = new LinkedHashMap<>(16, 0.75f, true);
  private long characters;
  private long encodings;

  public EncodedAssets(BlobStore blobs, long maxCharacters) {
    this.blobs = blobs;
    this.maxCharacters = maxCharacters;
  }

  public String base64(String sha256) {
    synchronized (this) {
      String hit = encoded.get(sha256);
      if (hit != null) {
        return hit;
      }
    }
    String value = Base64.getEncoder().encodeToString(blobs.read(sha256));
    synchronized (this) {
      encodings++;
      if (encoded.put(sha256, value) == null) {
        characters += value.length();
      }
      var iterator = encoded.entrySet().iterator();
      while (characters > maxCharacters && iterator.hasNext()) {
        Map.Entry<String, String> eldest = iterator.next();
        if (eldest.getKey().equals(sha256)) {
          break;
        }
        characters -= eldest.getValue().length();
        iterator.remove();
      }
    }
    return value;
  }

  /** How many times content was read and encoded (a cache miss); for tests and metrics. */
  public synchronized long encodings() {
    return encodings;
  }
}
