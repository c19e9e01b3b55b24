package dev.aivid.account.internal;

import dev.aivid.account.ApiKey;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.Organization;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** SQL for organisations, projects and API keys. */
public final class AccountRepository {
  private static final String KEY_COLUMNS =
      "id, organization_id, project_id, name, prefix, role, created_at, revoked_at";
  private final Jdbi jdbi;

  public AccountRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Optional<Organization> findOrganizationByName(String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select o.id, o.name, p.id as project_id from organizations o join projects p"
                        + " on p.organization_id = o.id and p.name = 'default' where o.name = :name")
                .bind("name", name)
                .map(
                    (rs, context) ->
                        new Organization(
                            rs.getString("id"), rs.getString("name"), rs.getString("project_id")))
                .findOne());
  }

  public Organization insertOrganization(String id, String name, String projectId) {
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate("insert into organizations (id, name) values (:id, :name)")
              .bind("id", id)
              .bind("name", name)
              .execute();
          handle
              .createUpdate(
                  "insert into projects (id, organization_id, name) values (:id, :org, 'default')")
              .bind("id", projectId)
              .bind("org", id)
              .execute();
        });
    return new Organization(id, name, projectId);
  }

  public boolean projectExists(String organizationId, String projectId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select count(*) from projects where id = :id and organization_id = :org")
                .bind("id", projectId)
                .bind("org", organizationId)
                .mapTo(Integer.class)
                .one()
            > 0);
  }

  public void insertKey(ApiKey key, byte[] secretSha256) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into api_keys (id, organization_id, project_id, name, prefix,"
                        + " secret_sha256, role, created_at) values (:id, :org, :project, :name,"
                        + " :prefix, :hash, :role, :created)")
                .bind("id", key.id())
                .bind("org", key.organizationId())
                .bind("project", key.projectId())
                .bind("name", key.name())
                .bind("prefix", key.prefix())
                .bind("hash", secretSha256)
                .bind("role", key.role().wireName())
                .bind("created", Timestamp.from(key.createdAt()))
                .execute());
  }

  /** The key with this prefix and its stored secret hash. */
  public Optional<StoredKey> findByPrefix(String prefix) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + KEY_COLUMNS + ", secret_sha256 from api_keys where prefix = :prefix")
                .bind("prefix", prefix)
                .map((rs, context) -> new StoredKey(key(rs), rs.getBytes("secret_sha256")))
                .findOne());
  }

  public List<ApiKey> listKeys(String organizationId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + KEY_COLUMNS
                        + " from api_keys where organization_id = :org order by created_at, id")
                .bind("org", organizationId)
                .map((rs, context) -> key(rs))
                .list());
  }

  public Optional<ApiKey> findKey(String organizationId, String idOrPrefix) {
    return jdbi.withHandle(handle -> findKey(handle, organizationId, idOrPrefix));
  }

  private static Optional<ApiKey> findKey(Handle handle, String organizationId, String idOrPrefix) {
    return handle
        .createQuery(
            "select "
                + KEY_COLUMNS
                + " from api_keys where organization_id = :org and (id = :value or prefix ="
                + " :value)")
        .bind("org", organizationId)
        .bind("value", idOrPrefix)
        .map((rs, context) -> key(rs))
        .findOne();
  }

  /** Marks the key revoked if it is not already; returns the key as it now stands. */
  public Optional<ApiKey> revoke(String organizationId, String idOrPrefix, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          handle
              .createUpdate(
                  "update api_keys set revoked_at = :now where organization_id = :org and (id ="
                      + " :value or prefix = :value) and revoked_at is null")
              .bind("now", Timestamp.from(now))
              .bind("org", organizationId)
              .bind("value", idOrPrefix)
              .execute();
          return findKey(handle, organizationId, idOrPrefix);
        });
  }

  private static ApiKey key(ResultSet rs) throws SQLException {
    return new ApiKey(
        rs.getString("id"),
        rs.getString("organization_id"),
        rs.getString("project_id"),
        rs.getString("name"),
        rs.getString("prefix"),
        ApiKeyRole.fromWireName(rs.getString("role")).orElseThrow(),
        rs.getTimestamp("created_at").toInstant(),
        instant(rs.getTimestamp("revoked_at")));
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** A key row with the hash that authenticates it. */
  public record StoredKey(ApiKey key, byte[] secretSha256) {}
}
