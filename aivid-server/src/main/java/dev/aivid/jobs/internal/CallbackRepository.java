package dev.aivid.jobs.internal;

import dev.aivid.jobs.VideoPhase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What a provider callback reads and writes of a video: whom it belongs to, and its wake-up. */
public final class CallbackRepository {
  private static final String COLUMNS = "id, organization_id, provider, phase, deleted_at is not null as deleted";

  private final Jdbi jdbi;

  public CallbackRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A video a callback names, deleted ones too (a callback for one is answered, and ignored). */
  public record Target(String videoId, String organizationId, String provider, VideoPhase phase, boolean deleted) {}

  public Optional<Target> find(String videoId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + " from videos where id = :id")
                .bind("id", videoId)
                .map((rs, context) -> target(rs))
                .findOne());
  }

  /**
   * The newest video whose handle at {@code provider} is {@code <anything>:renderId} or {@code
   * renderId} itself (OpenAI's handles are {@code <seconds>:<video id>}).
   */
  public Optional<Target> findByRender(String provider, String renderId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + COLUMNS + " from videos where provider = :provider and provider_handle is not null"
                        + " and substring(provider_handle from position(':' in provider_handle) + 1) = :render"
                        + " order by created_at desc limit 1")
                .bind("provider", provider)
                .bind("render", renderId)
                .map((rs, context) -> target(rs))
                .findOne());
  }

  /**
   * Makes the video due now, and remembers the request so a step running at this moment does not
   * push the poll back out when it stores its own schedule. False when the video is finished or
   * deleted: nothing was changed.
   */
  public boolean requestWake(String videoId, Instant now) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update videos set wake_requested_at = :now, run_at = least(run_at, :now)"
                            + " where id = :id and deleted_at is null and phase in ('queued', 'submitted', 'downloading')")
                    .bind("now", Timestamp.from(now))
                    .bind("id", videoId)
                    .execute())
        == 1;
  }

  private static Target target(ResultSet rs) throws SQLException {
    return new Target(
        rs.getString("id"),
        rs.getString("organization_id"),
        rs.getString("provider"),
        VideoPhase.fromDatabaseName(rs.getString("phase")),
        rs.getBoolean("deleted"));
  }
}
