package dev.aivid.media.internal;

import dev.aivid.media.MediaException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writing next to the target under a hidden name, then moving it into place, keeps a half-written
 * file from ever being visible under its final name. Used by every renderer, muxer and stitcher.
 */
public final class PartialFiles {
  private PartialFiles() {}

  /** A hidden sibling of {@code target}, unique per call: {@code .name.<uuid><suffix>}. */
  public static Path beside(Path target, String suffix) {
    Path absolute = target.toAbsolutePath();
    return absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + suffix);
  }

  /** Replaces {@code target} with {@code partial} (atomically where the file system can). */
  public static void moveIntoPlace(Path partial, Path target, String errorCode, String what) {
    try {
      try {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException failure) {
      deleteQuietly(partial);
      throw new MediaException(errorCode, "cannot move the " + what + " to " + target, failure);
    }
  }

  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover hidden partial file is harmless and cannot be helped.
    }
  }
}
