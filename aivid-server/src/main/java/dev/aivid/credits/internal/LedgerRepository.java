package dev.aivid.credits.internal;

import dev.aivid.credits.AccountBalance;
import dev.aivid.credits.Budget;
import dev.aivid.credits.BudgetScope;
import dev.aivid.credits.ResetPeriod;
import dev.aivid.credits.Transfer;
import dev.aivid.database.AdvisoryLock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** Reads of the ledger (always committed state, so never behind it) and budget settings. */
public final class LedgerRepository {
  private static final String TRANSFER_COLUMNS =
      "id, kind, debit_account_id, credit_account_id, amount_micros, pending_id, project_id,"
          + " api_key_id, video_id, provider, model, seconds, resolution, reason, timeout_at,"
          + " created_at";
  private final Jdbi jdbi;

  public LedgerRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The pool and every open budget of the organisation, as of the last commit. */
  public List<AccountBalance> balances(String organizationId, Instant now) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select * from credit_accounts where organization_id = :org and kind in"
                        + " ('organization_pool', 'project_budget', 'api_key_budget') and"
                        + " closed_at is null order by kind, owner_id")
                .bind("org", organizationId)
                .map((rs, context) -> balance(rs, now))
                .list());
  }

  private static AccountBalance balance(ResultSet rs, Instant now) throws SQLException {
    BudgetScope scope =
        switch (rs.getString("kind")) {
          case "organization_pool" -> BudgetScope.ORGANIZATION;
          case "project_budget" -> BudgetScope.PROJECT;
          default -> BudgetScope.API_KEY;
        };
    long limitValue = rs.getLong("limit_micros");
    Long limit = rs.wasNull() ? null : limitValue;
    ResetPeriod period = ResetPeriod.fromWireName(rs.getString("reset_period")).orElseThrow();
    Timestamp started = rs.getTimestamp("period_started_at");
    long pending = rs.getLong("debits_pending");
    long posted = rs.getLong("debits_posted");
    long credited = rs.getLong("credits_posted");
    long periodPosted = rs.getLong("period_debits_posted");
    if (period != ResetPeriod.NEVER
        && (started == null || started.toInstant().isBefore(period.periodStart(now)))) {
      periodPosted = 0;
    }
    Long available;
    if (scope == BudgetScope.ORGANIZATION) {
      available = credited - posted - pending;
    } else {
      available = limit == null ? null : limit - pending - periodPosted;
    }
    return new AccountBalance(
        rs.getString("id"),
        scope,
        rs.getString("owner_id"),
        limit,
        period,
        pending,
        posted,
        credited,
        periodPosted,
        available);
  }

  public List<Transfer> transfers(
      String organizationId,
      @Nullable String afterId,
      int limit,
      @Nullable String kind,
      @Nullable String videoId) {
    StringBuilder sql =
        new StringBuilder("select " + TRANSFER_COLUMNS + " from credit_transfers where organization_id = :org");
    if (afterId != null) {
      sql.append(
          " and sequence < (select sequence from credit_transfers where id = :after and"
              + " organization_id = :org)");
    }
    if (kind != null) {
      sql.append(" and kind = :kind");
    }
    if (videoId != null) {
      sql.append(" and video_id = :video");
    }
    sql.append(" order by sequence desc limit :limit");
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(sql.toString())
                .bind("org", organizationId)
                .bind("after", afterId)
                .bind("kind", kind)
                .bind("video", videoId)
                .bind("limit", limit)
                .map((rs, context) -> transfer(rs))
                .list());
  }

  public Optional<Transfer> transfer(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + TRANSFER_COLUMNS + " from credit_transfers where id = :id and organization_id = :org")
                .bind("id", id)
                .bind("org", organizationId)
                .map((rs, context) -> transfer(rs))
                .findOne());
  }

  public boolean transferExists(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select count(*) from credit_transfers where id = :id and organization_id = :org")
                .bind("id", id)
                .bind("org", organizationId)
                .mapTo(Integer.class)
                .one()
            > 0);
  }

  private static Transfer transfer(ResultSet rs) throws SQLException {
    int seconds = rs.getInt("seconds");
    Integer secondsValue = rs.wasNull() ? null : seconds;
    Timestamp timeout = rs.getTimestamp("timeout_at");
    return new Transfer(
        rs.getString("id"),
        rs.getString("kind"),
        rs.getString("debit_account_id"),
        rs.getString("credit_account_id"),
        rs.getLong("amount_micros"),
        rs.getString("pending_id"),
        rs.getString("project_id"),
        rs.getString("api_key_id"),
        rs.getString("video_id"),
        rs.getString("provider"),
        rs.getString("model"),
        secondsValue,
        rs.getString("resolution"),
        rs.getString("reason"),
        timeout == null ? null : timeout.toInstant(),
        rs.getTimestamp("created_at").toInstant());
  }

  /** What the post that resolved {@code holdId} charged, if it was posted. */
  public Optional<Long> postedMicros(String organizationId, String holdId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select amount_micros from credit_transfers where pending_id = :hold and kind ="
                        + " 'post' and organization_id = :org")
                .bind("hold", holdId)
                .bind("org", organizationId)
                .mapTo(Long.class)
                .findOne());
  }

  /** Runs {@code work} unless another node holds lock {@code key} (see {@link AdvisoryLock}). */
  public <T> Optional<T> whileLocked(long key, Supplier<T> work) {
    return AdvisoryLock.whileLocked(jdbi, key, work);
  }

  /** Holds past their timeout that nothing has resolved yet. */
  public List<String> dueHolds(Instant now, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select p.id from credit_transfers p where p.kind = 'pending' and p.timeout_at"
                        + " < :now and not exists (select 1 from credit_transfers r where"
                        + " r.pending_id = p.id) order by p.timeout_at limit :limit")
                .bind("now", Timestamp.from(now))
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
  }

  /**
   * Creates or changes a budget. Lowering a limit below what is already held and spent this
   * period is refused by the same condition the check constraint enforces.
   */
  public Optional<Budget> upsertBudget(
      String organizationId,
      BudgetScope scope,
      String targetId,
      long limitMicros,
      ResetPeriod period,
      Instant now) {
    String accountId =
        scope == BudgetScope.PROJECT
            ? AccountIds.projectBudget(targetId)
            : AccountIds.apiKeyBudget(targetId);
    Timestamp periodStart = Timestamp.from(period.periodStart(now));
    int changed =
        jdbi.inTransaction(
            handle -> {
              handle
                  .createUpdate(
                      "insert into credit_accounts (id, organization_id, kind, owner_id,"
                          + " limit_micros, reset_period, period_started_at) values (:id, :org,"
                          + " :kind, :owner, :limit, :period, :start) on conflict (id) do nothing")
                  .bind("id", accountId)
                  .bind("org", organizationId)
                  .bind("kind", scope.accountKind())
                  .bind("owner", targetId)
                  .bind("limit", limitMicros)
                  .bind("period", period.wireName())
                  .bind("start", periodStart)
                  .execute();
              // Lock first: each later statement then reads every post committed before it.
              handle
                  .createQuery("select id from credit_accounts where id = :id for update")
                  .bind("id", accountId)
                  .mapTo(String.class)
                  .one();
              // The spend of the current period is recounted from the transfers under the lock, so
              // a changed limit or period can neither wipe spend nor drift from verify().
              return handle
                  .createUpdate(
                      "update credit_accounts a set limit_micros = :limit, reset_period = :period,"
                          + " closed_at = null, period_started_at = :start, period_debits_posted ="
                          + " s.spent from (select coalesce(sum(amount_micros), 0) spent from"
                          + " credit_transfers where kind = 'post' and (project_budget_account_id ="
                          + " :id or api_key_budget_account_id = :id) and created_at >= :start) s"
                          + " where a.id = :id and a.organization_id = :org and a.debits_pending +"
                          + " s.spent <= :limit")
                  .bind("limit", limitMicros)
                  .bind("period", period.wireName())
                  .bind("start", periodStart)
                  .bind("id", accountId)
                  .bind("org", organizationId)
                  .execute();
            });
    return changed == 1
        ? Optional.of(new Budget(accountId, scope, targetId, limitMicros, period))
        : Optional.empty();
  }

  /** Held plus spent since {@code periodStart}: what a new limit must not go below. */
  public long committedMicros(String accountId, Instant periodStart) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select coalesce(max(debits_pending), 0) + (select coalesce(sum(amount_micros),"
                        + " 0) from credit_transfers where kind = 'post' and"
                        + " (project_budget_account_id = :id or api_key_budget_account_id = :id) and"
                        + " created_at >= :start) from credit_accounts where id = :id")
                .bind("id", accountId)
                .bind("start", Timestamp.from(periodStart))
                .mapTo(Long.class)
                .one());
  }

  public List<Budget> budgets(String organizationId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select id, kind, owner_id, limit_micros, reset_period from credit_accounts"
                        + " where organization_id = :org and kind in ('project_budget',"
                        + " 'api_key_budget') and closed_at is null order by id")
                .bind("org", organizationId)
                .map(
                    (rs, context) ->
                        new Budget(
                            rs.getString("id"),
                            rs.getString("kind").equals("project_budget")
                                ? BudgetScope.PROJECT
                                : BudgetScope.API_KEY,
                            rs.getString("owner_id"),
                            rs.getLong("limit_micros"),
                            ResetPeriod.fromWireName(rs.getString("reset_period")).orElseThrow()))
                .list());
  }

  /** Closes the budget: new holds ignore it; holds already counted against it still resolve. */
  public boolean closeBudget(String organizationId, String budgetId, Instant now) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update credit_accounts set closed_at = :now where id = :id and"
                            + " organization_id = :org and kind in ('project_budget',"
                            + " 'api_key_budget') and closed_at is null")
                    .bind("now", Timestamp.from(now))
                    .bind("id", budgetId)
                    .bind("org", organizationId)
                    .execute())
        == 1;
  }

  /** Recomputes every account's balances from the transfers and lists each difference. */
  public List<String> drifts() {
    String openPending =
        "(select p.* from credit_transfers p where p.kind = 'pending' and not exists (select 1"
            + " from credit_transfers r where r.pending_id = p.id))";
    String expected =
        "select account_id, sum(debits_pending) debits_pending, sum(debits_posted) debits_posted,"
            + " sum(credits_pending) credits_pending, sum(credits_posted) credits_posted,"
            + " sum(period_debits_posted) period_debits_posted from ("
            + " select debit_account_id account_id, amount_micros debits_pending, 0 debits_posted, 0"
            + " credits_pending, 0 credits_posted, 0 period_debits_posted from "
            + openPending
            + " o union all select credit_account_id, 0, 0, amount_micros, 0, 0 from "
            + openPending
            + " o union all select project_budget_account_id, amount_micros, 0, 0, 0, 0 from "
            + openPending
            + " o where project_budget_account_id is not null union all select"
            + " api_key_budget_account_id, amount_micros, 0, 0, 0, 0 from "
            + openPending
            + " o where api_key_budget_account_id is not null union all select debit_account_id, 0,"
            + " amount_micros, 0, 0, 0 from credit_transfers where kind in ('post', 'grant') union"
            + " all select credit_account_id, 0, 0, 0, amount_micros, 0 from credit_transfers where"
            + " kind in ('post', 'grant') union all select t.project_budget_account_id, 0,"
            + " t.amount_micros, 0, 0, case when a.period_started_at is null or t.created_at >="
            + " a.period_started_at then t.amount_micros else 0 end from credit_transfers t join"
            + " credit_accounts a on a.id = t.project_budget_account_id where t.kind = 'post'"
            + " union all select t.api_key_budget_account_id, 0, t.amount_micros, 0, 0, case when"
            + " a.period_started_at is null or t.created_at >= a.period_started_at then"
            + " t.amount_micros else 0 end from credit_transfers t join credit_accounts a on a.id"
            + " = t.api_key_budget_account_id where t.kind = 'post') effects group by account_id";
    String compare =
        "select a.id, a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted,"
            + " a.period_debits_posted, coalesce(e.debits_pending, 0) e_debits_pending,"
            + " coalesce(e.debits_posted, 0) e_debits_posted, coalesce(e.credits_pending, 0)"
            + " e_credits_pending, coalesce(e.credits_posted, 0) e_credits_posted,"
            + " coalesce(e.period_debits_posted, 0) e_period_debits_posted from credit_accounts a"
            + " left join ("
            + expected
            + ") e on e.account_id = a.id";
    return jdbi.withHandle(
        handle -> {
          List<String> drifts = new ArrayList<>();
          handle
              .createQuery(compare)
              .map(
                  (rs, context) -> {
                    for (String column :
                        new String[] {
                          "debits_pending",
                          "debits_posted",
                          "credits_pending",
                          "credits_posted",
                          "period_debits_posted"
                        }) {
                      long stored = rs.getLong(column);
                      long recomputed = rs.getLong("e_" + column);
                      if (stored != recomputed) {
                        drifts.add(
                            rs.getString("id")
                                + " "
                                + column
                                + ": stored "
                                + stored
                                + ", recomputed "
                                + recomputed);
                      }
                    }
                    return 0;
                  })
              .list();
          Long imbalance =
              handle
                  .createQuery(
                      "select coalesce(sum(debits_posted - credits_posted), 0) from credit_accounts"
                          + " where kind in ('organization_pool', 'provider_cost', 'grants')")
                  .mapTo(Long.class)
                  .one();
          if (imbalance != 0) {
            drifts.add("posted debits and credits differ by " + imbalance + " micros");
          }
          drifts.addAll(
              handle
                  .createQuery(
                      "select t.id || ' references a missing account or hold' from credit_transfers t"
                          + " where not exists (select 1 from credit_accounts a where a.id ="
                          + " t.debit_account_id) or not exists (select 1 from credit_accounts a"
                          + " where a.id = t.credit_account_id) or (t.project_budget_account_id is"
                          + " not null and not exists (select 1 from credit_accounts a where a.id ="
                          + " t.project_budget_account_id)) or (t.api_key_budget_account_id is not"
                          + " null and not exists (select 1 from credit_accounts a where a.id ="
                          + " t.api_key_budget_account_id)) or (t.pending_id is not null and not"
                          + " exists (select 1 from credit_transfers p where p.id = t.pending_id and"
                          + " p.kind = 'pending')) limit 100")
                  .mapTo(String.class)
                  .list());
          return drifts;
        });
  }

  public int accountCount() {
    return jdbi.withHandle(
        handle -> handle.createQuery("select count(*) from credit_accounts").mapTo(Integer.class).one());
  }

  public long transferCount() {
    return jdbi.withHandle(
        handle -> handle.createQuery("select count(*) from credit_transfers").mapTo(Long.class).one());
  }
}
