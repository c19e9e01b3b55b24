package dev.aivid.connections;

import dev.aivid.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The 32-byte key that seals provider credentials: {@code AIVID_SECRET_KEY} when set, else a random
 * key created once in the data directory (mode 0600). Several nodes must share one key.
 */
public final class SecretKeyFile {
  public static final String FILE_NAME = "secret-key";

  private SecretKeyFile() {}

  public static byte[] load(@Nullable String configured, Path dataDirectory, SecureRandom random) {
    if (configured != null) {
      return decode(configured, "AIVID_SECRET_KEY");
    }
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
          return key;
        } catch (FileAlreadyExistsException raced) {
          // Another node on the same data directory created it first: use theirs.
        }
      }
      return decode(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }

  private static byte[] decode(String text, String source) {
    try {
      byte[] key = Base64.getDecoder().decode(text.strip());
      if (key.length != 32) {
        throw new ConfigException("invalid_secret_key", source + " must be base64 of exactly 32 bytes, got " + key.length);
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid_secret_key", source + " is not valid base64");
    }
  }
}
