package dev.aivid.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Content-addressed blobs on disk ({@code blobs/ab/abcdef…}) with their metadata in PostgreSQL.
 * Writes go to a temporary file first and are moved into place, so a reader never sees half a blob
 * and a crash leaves only a temporary file behind.
 */
public final class BlobStore {
  private final Path root;
  private final Path temporaryDirectory;
  private final Jdbi jdbi;

  public BlobStore(Path root, Jdbi jdbi) {
    this.root = root;
    this.temporaryDirectory = root.resolve("tmp");
    this.jdbi = jdbi;
    try {
      Files.createDirectories(temporaryDirectory);
    } catch (IOException e) {
      throw new StorageException("storage_unwritable", "Cannot create " + root, e);
    }
  }

  public Path temporaryFile(String suffix) {
    try {
      return Files.createTempFile(temporaryDirectory, "work-", suffix);
    } catch (IOException e) {
      throw new StorageException("storage_unwritable", "Cannot create a temporary file", e);
    }
  }

  /**
   * Streams an upload to a temporary file, never holding it in memory; past {@code maxBytes} it
   * stops reading, deletes what it wrote and throws {@code StorageException("too_large")}.
   */
  public Path spool(InputStream input, long maxBytes) {
    Path temporary = temporaryFile(".upload");
    try (OutputStream output = Files.newOutputStream(temporary)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int read;
      while ((read = input.read(buffer)) != -1) {
        total += read;
        if (total > maxBytes) {
          throw new StorageException(
              "too_large", "Upload exceeds " + maxBytes + " bytes", new IOException("limit"));
        }
        output.write(buffer, 0, read);
      }
      return temporary;
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new StorageException("upload_failed", "The upload could not be read", e);
    } catch (StorageException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temporary file is swept at the next start.
    }
  }

  public Blob put(byte[] bytes, String mediaType) {
    Path temporary = temporaryFile(".blob");
    try {
      Files.write(temporary, bytes);
    } catch (IOException e) {
      throw new StorageException("storage_write_failed", "Cannot write blob", e);
    }
    return putFile(temporary, mediaType);
  }

  /** Moves {@code source} into the store (it must be on the same file system to be cheap). */
  public Blob putFile(Path source, String mediaType) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream input = Files.newInputStream(source);
          OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
        input.transferTo(sink);
      }
      String sha256 = HexFormat.of().formatHex(digest.digest());
      long size = Files.size(source);
      Path target = path(sha256);
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        Files.delete(source);
      } else {
        move(source, target);
      }
      Blob blob = new Blob(sha256, size, mediaType);
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate(
                      "insert into blobs (sha256, size_bytes, media_type) values (:sha, :size,"
                          + " :type) on conflict (sha256) do nothing")
                  .bind("sha", sha256)
                  .bind("size", size)
                  .bind("type", mediaType)
                  .execute());
      return blob;
    } catch (IOException e) {
      throw new StorageException("storage_write_failed", "Cannot store blob", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  public Optional<Blob> find(String sha256) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select sha256, size_bytes, media_type from blobs where sha256 = :sha")
                .bind("sha", sha256)
                .map(
                    (rs, context) ->
                        new Blob(
                            rs.getString("sha256"),
                            rs.getLong("size_bytes"),
                            rs.getString("media_type")))
                .findOne());
  }

  public Path path(String sha256) {
    return root.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  public byte[] read(String sha256) {
    try {
      return Files.readAllBytes(path(sha256));
    } catch (IOException e) {
      throw new StorageException("blob_unreadable", "Cannot read blob " + sha256, e);
    }
  }
}
