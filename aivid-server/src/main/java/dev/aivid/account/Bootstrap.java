package dev.aivid.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * First-start setup: the default organisation and an admin key — the configured one, or a random
 * one written to {@code <data dir>/bootstrap-api-key} with owner-only permissions.
 */
public final class Bootstrap {
  public static final String KEY_FILE = "bootstrap-api-key";

  private Bootstrap() {}

  /** Returns the file the new random key was written to, when one was created. */
  public static Optional<Path> ensure(
      AccountService accounts, @Nullable String configuredKey, Path dataDirectory) {
    Organization organization =
        accounts
            .findOrganization(AccountService.DEFAULT_ORGANIZATION)
            .orElseGet(() -> accounts.createOrganization(AccountService.DEFAULT_ORGANIZATION));
    if (configuredKey != null) {
      if (accounts.authenticate(configuredKey) instanceof Authentication.Invalid) {
        accounts.importKey(organization, "bootstrap", ApiKeyRole.ADMIN, configuredKey);
      }
      return Optional.empty();
    }
    if (!accounts.listKeys(organization.id()).isEmpty()) {
      return Optional.empty();
    }
    CreatedApiKey created = accounts.createKey(organization, "bootstrap", ApiKeyRole.ADMIN);
    Path file = dataDirectory.resolve(KEY_FILE);
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, created.secret() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return Optional.of(file);
  }
}
