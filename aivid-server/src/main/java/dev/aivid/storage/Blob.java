package dev.aivid.storage;

/** A stored blob, named by the SHA-256 of its bytes. */
public record Blob(String sha256, long sizeBytes, String mediaType) {
  public Blob {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
  }
}
