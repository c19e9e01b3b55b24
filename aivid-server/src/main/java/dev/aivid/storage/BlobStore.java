package dev.aivid.storage;

import dev.aivid.config.StorageConfig;
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
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed blobs ({@code ab/abcdef…}) in a {@link BlobBackend} — this node's disk or an S3
 * bucket — with their metadata in PostgreSQL. Work files (uploads being spooled, renders being
 * written) are local in either case and are published with {@link #putFile}.
 */
public final class BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);
  private final BlobBackend backend;
  private final Path temporaryDirectory;
  private final Path cacheDirectory;
  private final Jdbi jdbi;

  /** Blobs on local disk under {@code root}. */
  public BlobStore(Path root, Jdbi jdbi) {
    this(new LocalDiskBlobStore(root), root, jdbi);
  }

  /**
   * @param directory local working space: {@code tmp/} for work files and, for a remote backend,
   *     {@code cache/} for objects that must be read as files
   */
  public BlobStore(BlobBackend backend, Path directory, Jdbi jdbi) {
    this.backend = backend;
    this.temporaryDirectory = directory.resolve("tmp");
    this.cacheDirectory = directory.resolve("cache");
    this.jdbi = jdbi;
    try {
      Files.createDirectories(temporaryDirectory);
      if (!(backend instanceof LocalDiskBlobStore)) {
        Files.createDirectories(cacheDirectory);
      }
    } catch (IOException e) {
      throw new StorageException("storage_unwritable", "Cannot create " + directory, e);
    }
  }

  /** The backend {@code storage} names, checked to be reachable. */
  public static BlobStore open(StorageConfig storage, Path directory, Jdbi jdbi) {
    return switch (storage) {
      case StorageConfig.Local local -> new BlobStore(directory, jdbi);
      case StorageConfig.S3 s3 -> {
        S3BlobStore bucket = S3BlobStore.connect(s3);
        bucket.checkBucket();
        yield new BlobStore(bucket, directory, jdbi);
      }
    };
  }

  public BlobBackend backend() {
    return backend;
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

  /** Publishes {@code source} (a file from {@link #temporaryFile}) as a blob; the file is consumed. */
  public Blob putFile(Path source, String mediaType) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream input = Files.newInputStream(source);
          OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
        input.transferTo(sink);
      }
      String sha256 = HexFormat.of().formatHex(digest.digest());
      long size = Files.size(source);
      String key = key(sha256);
      if (backend.exists(key)) {
        Files.delete(source);
      } else {
        backend.putFile(key, source);
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

  /**
   * A local file with the blob's bytes, for readers that need a file (FFmpeg, the shot planner): the
   * stored file itself on local disk, a cached download from a remote backend.
   */
  public Path path(String sha256) {
    return switch (backend) {
      case LocalDiskBlobStore local -> local.file(key(sha256));
      case S3BlobStore remote -> cached(sha256);
    };
  }

  private Path cached(String sha256) {
    Path file = cacheDirectory.resolve(sha256);
    if (Files.isRegularFile(file)) {
      return file;
    }
    Path temporary = temporaryFile(".download");
    try (BlobContent content =
        backend
            .get(key(sha256))
            .orElseThrow(() -> missing(sha256))) {
      Files.copy(content.stream(), temporary, StandardCopyOption.REPLACE_EXISTING);
      move(temporary, file);
      return file;
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new StorageException("blob_unreadable", "Cannot download blob " + sha256, e);
    } catch (StorageException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  public byte[] read(String sha256) {
    return backend.get(key(sha256)).orElseThrow(() -> missing(sha256)).readAllBytes();
  }

  /**
   * The blob's bytes as a stream whose leading {@code skip} is a ranged read, so an HTTP Range
   * request costs the range, not the whole object.
   */
  public InputStream open(Blob blob) {
    return new SeekableBlobInputStream(backend, key(blob.sha256()), blob.sizeBytes());
  }

  /**
   * Deletes the blob's bytes once no live row refers to them; the metadata row stays for the
   * deleted rows that still name it. Referring columns are the foreign keys to {@code blobs} that
   * PostgreSQL knows, so a new table that stores blobs is covered without a change here; rows with
   * a {@code deleted_at} count only while it is null.
   *
   * @return whether the bytes were deleted
   */
  public boolean release(String sha256) {
    boolean unreferenced =
        jdbi.inTransaction(
            handle -> {
              Optional<String> locked =
                  handle
                      .createQuery("select sha256 from blobs where sha256 = :sha for update")
                      .bind("sha", sha256)
                      .mapTo(String.class)
                      .findOne();
              if (locked.isEmpty()) {
                return false;
              }
              List<String> references =
                  handle
                      .createQuery(
                          "select format('exists (select 1 from %s where %I = :sha%s)',"
                              + " c.conrelid::regclass, a.attname, case when exists (select 1 from"
                              + " pg_attribute d where d.attrelid = c.conrelid and d.attname ="
                              + " 'deleted_at' and not d.attisdropped) then ' and deleted_at is"
                              + " null' else '' end) from pg_constraint c join pg_attribute a on"
                              + " a.attrelid = c.conrelid and a.attnum = any (c.conkey) where"
                              + " c.contype = 'f' and c.confrelid = 'blobs'::regclass")
                      .mapTo(String.class)
                      .list();
              if (references.isEmpty()) {
                return true;
              }
              return !handle
                  .createQuery(
                      "select " + references.stream().collect(Collectors.joining(" or ")))
                  .bind("sha", sha256)
                  .mapTo(Boolean.class)
                  .one();
            });
    if (!unreferenced) {
      return false;
    }
    deleteQuietly(cacheDirectory.resolve(sha256));
    try {
      backend.delete(key(sha256));
      return true;
    } catch (StorageException e) {
      // The row that needed the bytes is gone either way; unreachable bytes cost only space.
      LOG.warn("Could not delete blob {} from {}", sha256, backend, e);
      return false;
    }
  }

  private static StorageException missing(String sha256) {
    return new StorageException(
        "blob_missing", "Blob " + sha256 + " is not in storage", new IOException("missing"));
  }

  static String key(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
    return sha256.substring(0, 2) + "/" + sha256;
  }
}
