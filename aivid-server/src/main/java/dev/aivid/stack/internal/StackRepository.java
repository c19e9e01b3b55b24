package dev.aivid.stack.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Stored stacks: the prompt and the entries as sent, so a stack can be rebuilt and re-checked. */
public final class StackRepository {
  private final Jdbi jdbi;

  public StackRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void insert(String id, String organizationId, String prompt, String entriesJson, String mentionsJson, Instant now) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into stacks (id, organization_id, prompt, entries, mentions, created_at)"
                        + " values (:id, :org, :prompt, cast(:entries as jsonb), cast(:mentions as"
                        + " jsonb), :now)")
                .bind("id", id)
                .bind("org", organizationId)
                .bind("prompt", prompt)
                .bind("entries", entriesJson)
                .bind("mentions", mentionsJson)
                .bind("now", Timestamp.from(now))
                .execute());
  }

  public Optional<StoredStack> find(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select prompt, entries::text as entries, created_at from stacks where id = :id"
                        + " and organization_id = :org")
                .bind("id", id)
                .bind("org", organizationId)
                .map(
                    (rs, context) ->
                        new StoredStack(
                            rs.getString("prompt"),
                            rs.getString("entries"),
                            rs.getTimestamp("created_at").toInstant()))
                .findOne());
  }

  public record StoredStack(String prompt, String entriesJson, Instant createdAt) {}
}
