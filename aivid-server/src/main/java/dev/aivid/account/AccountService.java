package dev.aivid.account;

import dev.aivid.account.internal.AccountRepository;
import dev.aivid.support.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Organisations and API keys. A key is {@code aivid_<10 random>_<32 random>}; the first {@value
 * #PREFIX_LENGTH} characters identify it and only a SHA-256 of the whole key is stored. The key has
 * 250+ bits of entropy, so a fast hash is enough: there is nothing to brute-force.
 */
public final class AccountService {
  public static final int PREFIX_LENGTH = 16;
  public static final String DEFAULT_ORGANIZATION = "default";

  private final AccountRepository repository;
  private final Ids ids;
  private final InstantSource clock;

  public AccountService(AccountRepository repository, Ids ids, InstantSource clock) {
    this.repository = repository;
    this.ids = ids;
    this.clock = clock;
  }

  public Optional<Organization> findOrganization(String name) {
    return repository.findOrganizationByName(name);
  }

  public Organization createOrganization(String name) {
    if (name.isBlank() || name.length() > 100) {
      throw new AccountException("invalid_organization_name", "Organisation name must be 1..100");
    }
    return repository.insertOrganization(ids.hex("org", 24), name, ids.hex("proj", 24));
  }

  public CreatedApiKey createKey(Organization organization, String name, ApiKeyRole role) {
    String secret = "aivid_" + ids.alphanumeric(10) + "_" + ids.alphanumeric(32);
    return storeKey(organization, name, role, secret);
  }

  /** Stores a caller-chosen key (the bootstrap key from configuration). */
  public CreatedApiKey importKey(
      Organization organization, String name, ApiKeyRole role, String secret) {
    if (secret.length() < 20) {
      throw new AccountException("api_key_too_short", "An API key must be at least 20 characters");
    }
    return storeKey(organization, name, role, secret);
  }

  private CreatedApiKey storeKey(
      Organization organization, String name, ApiKeyRole role, String secret) {
    if (name.isBlank() || name.length() > 100) {
      throw new AccountException("invalid_key_name", "Key name must be 1..100 characters");
    }
    ApiKey key =
        new ApiKey(
            ids.hex("key", 24),
            organization.id(),
            organization.defaultProjectId(),
            name,
            secret.substring(0, PREFIX_LENGTH),
            role,
            clock.instant(),
            null);
    repository.insertKey(key, sha256(secret));
    return new CreatedApiKey(key, secret);
  }

  public boolean projectExists(String organizationId, String projectId) {
    return repository.projectExists(organizationId, projectId);
  }

  public Optional<ApiKey> findKey(String organizationId, String idOrPrefix) {
    return repository.findKey(organizationId, idOrPrefix);
  }

  public List<ApiKey> listKeys(String organizationId) {
    return repository.listKeys(organizationId);
  }

  public RevokeResult revokeKey(String organizationId, String idOrPrefix) {
    Optional<ApiKey> before = repository.findKey(organizationId, idOrPrefix);
    if (before.isEmpty()) {
      return new RevokeResult.NotFound();
    }
    if (before.get().isRevoked()) {
      return new RevokeResult.AlreadyRevoked(before.get());
    }
    return repository
        .revoke(organizationId, idOrPrefix, clock.instant())
        .<RevokeResult>map(RevokeResult.Revoked::new)
        .orElseGet(RevokeResult.NotFound::new);
  }

  public Authentication authenticate(@Nullable String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank()) {
      return new Authentication.Missing();
    }
    if (bearerToken.length() < PREFIX_LENGTH || bearerToken.length() > 512) {
      return new Authentication.Invalid();
    }
    Optional<AccountRepository.StoredKey> stored =
        repository.findByPrefix(bearerToken.substring(0, PREFIX_LENGTH));
    if (stored.isEmpty()
        || !MessageDigest.isEqual(stored.get().secretSha256(), sha256(bearerToken))) {
      return new Authentication.Invalid();
    }
    ApiKey key = stored.get().key();
    if (key.isRevoked()) {
      return new Authentication.Revoked(key.prefix());
    }
    return new Authentication.Authenticated(
        new Principal(key.organizationId(), key.projectId(), key.id(), key.role()));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
