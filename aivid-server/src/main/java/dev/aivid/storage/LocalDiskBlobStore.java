package dev.aivid.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Objects as files under one directory. Writes land in {@code tmp/} first and are renamed into
 * place, so readers see the old object or the new one, and a crash leaves only a temporary file.
 */
public final class LocalDiskBlobStore implements BlobBackend {
  private final Path root;
  private final Path temporaryDirectory;

  public LocalDiskBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.temporaryDirectory = this.root.resolve("tmp");
    try {
      Files.createDirectories(temporaryDirectory);
    } catch (IOException e) {
      throw new StorageException("storage_unwritable", "Cannot create " + root, e);
    }
  }

  /** The file holding {@code key}'s bytes, whether or not it exists yet. */
  public Path file(String key) {
    return root.resolve(BlobBackend.checkedKey(key));
  }

  Path temporaryDirectory() {
    return temporaryDirectory;
  }

  @Override
  public void putFile(String key, Path file) {
    Path target = file(key);
    try {
      Files.createDirectories(target.getParent());
      try {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new StorageException("storage_write_failed", "Cannot store object " + key, e);
    }
  }

  @Override
  public void put(String key, InputStream input, long lengthBytes) {
    BlobBackend.checkedKey(key);
    Path temporary;
    try {
      temporary = Files.createTempFile(temporaryDirectory, "put-", ".part");
    } catch (IOException e) {
      throw new StorageException("storage_unwritable", "Cannot create a temporary file", e);
    }
    try (OutputStream output = Files.newOutputStream(temporary)) {
      long copied = new BoundedInputStream(input, lengthBytes).transferTo(output);
      if (copied != lengthBytes) {
        throw new IOException("Expected " + lengthBytes + " bytes, the stream ended after " + copied);
      }
    } catch (IOException e) {
      BlobStore.deleteQuietly(temporary);
      throw new StorageException("storage_write_failed", "Cannot store object " + key, e);
    }
    putFile(key, temporary);
  }

  @Override
  public Optional<BlobContent> get(String key) {
    return get(key, 0, Long.MAX_VALUE);
  }

  @Override
  public Optional<BlobContent> get(String key, long offsetBytes, long lengthBytes) {
    BlobBackend.checkRange(offsetBytes, lengthBytes);
    Path file = file(key);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("blob_unreadable", "Cannot read object " + key, e);
    }
    try {
      long size = channel.size();
      long start = Math.min(offsetBytes, size);
      long length = Math.min(lengthBytes, size - start);
      channel.position(start);
      return Optional.of(
          new BlobContent(new BoundedInputStream(Channels.newInputStream(channel), length), length));
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Already failing.
      }
      throw new StorageException("blob_unreadable", "Cannot read object " + key, e);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(file(key));
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(file(key));
    } catch (IOException e) {
      throw new StorageException("storage_write_failed", "Cannot delete object " + key, e);
    }
  }

  @Override
  public String toString() {
    return "local disk " + root;
  }
}
