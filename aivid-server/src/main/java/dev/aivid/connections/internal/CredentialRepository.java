package dev.aivid.connections.internal;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Sealed provider credentials, one row per organisation and provider. */
public final class CredentialRepository {
  private final Jdbi jdbi;

  public CredentialRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void upsert(String organizationId, String provider, List<String> fieldNames, CredentialCipher.Sealed sealed, Instant now) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into provider_credentials (organization_id, provider, field_names, nonce,"
                        + " ciphertext, key_id, created_at, updated_at) values (:org, :provider, :fields,"
                        + " :nonce, :ciphertext, :key, :now, :now) on conflict (organization_id, provider)"
                        + " do update set field_names = excluded.field_names, nonce = excluded.nonce,"
                        + " ciphertext = excluded.ciphertext, key_id = excluded.key_id, updated_at ="
                        + " excluded.updated_at")
                .bind("org", organizationId)
                .bind("provider", provider)
                .bind("fields", fieldNames.toArray(String[]::new))
                .bind("nonce", sealed.nonce())
                .bind("ciphertext", sealed.ciphertext())
                .bind("key", sealed.keyId())
                .bind("now", Timestamp.from(now))
                .execute());
  }

  public boolean delete(String organizationId, String provider) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("delete from provider_credentials where organization_id = :org and provider = :provider")
                    .bind("org", organizationId)
                    .bind("provider", provider)
                    .execute())
        > 0;
  }

  public Optional<StoredCredential> find(String organizationId, String provider) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select provider, field_names, nonce, ciphertext, key_id, updated_at from"
                        + " provider_credentials where organization_id = :org and provider = :provider")
                .bind("org", organizationId)
                .bind("provider", provider)
                .map((rs, context) -> stored(rs))
                .findOne());
  }

  public List<StoredCredential> list(String organizationId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select provider, field_names, nonce, ciphertext, key_id, updated_at from"
                        + " provider_credentials where organization_id = :org order by provider")
                .bind("org", organizationId)
                .map((rs, context) -> stored(rs))
                .list());
  }

  private static StoredCredential stored(java.sql.ResultSet rs) throws java.sql.SQLException {
    Array names = rs.getArray("field_names");
    return new StoredCredential(
        rs.getString("provider"),
        Arrays.asList((String[]) names.getArray()),
        new CredentialCipher.Sealed(rs.getBytes("nonce"), rs.getBytes("ciphertext"), rs.getString("key_id")),
        rs.getTimestamp("updated_at").toInstant());
  }

  public record StoredCredential(
      String provider, List<String> fieldNames, CredentialCipher.Sealed sealed, Instant updatedAt) {
    public StoredCredential {
      fieldNames = List.copyOf(fieldNames);
    }
  }
}
