package dev.aivid.cli;

import dev.aivid.Main;
import dev.aivid.account.AccountService;
import dev.aivid.account.Organization;
import dev.aivid.account.internal.AccountRepository;
import dev.aivid.config.AppConfig;
import dev.aivid.credits.AccountBalance;
import dev.aivid.credits.Credits;
import dev.aivid.credits.GrantResult;
import dev.aivid.credits.LedgerService;
import dev.aivid.credits.OrganizationBalance;
import dev.aivid.credits.Transfer;
import dev.aivid.credits.VerifyReport;
import dev.aivid.database.Database;
import dev.aivid.support.Ids;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "credits",
    description = "Inspects and funds the credit pool (works with the server running or stopped).",
    subcommands = {
      CreditsCommand.Balance.class,
      CreditsCommand.Grant.class,
      CreditsCommand.Ledger.class,
      CreditsCommand.Verify.class
    })
public final class CreditsCommand implements Runnable {
  @ParentCommand Main main;

  @Override
  public void run() {
    System.out.println("Use: aivid credits balance|grant|ledger|verify (see aivid credits --help)");
  }

  <T> T withLedger(BiFunction<AccountService, LedgerService, T> action) {
    AppConfig config = AppConfig.fromEnvironment(main.environment());
    try (Database database = Database.open(config.databaseUrl(), config.dataDirectory(), true)) {
      Ids ids = new Ids(new SecureRandom());
      AccountService accounts =
          new AccountService(new AccountRepository(database.jdbi()), ids, InstantSource.system());
      try (LedgerService ledger =
          new LedgerService(
              database.dataSource(), database.jdbi(), InstantSource.system(), ids, 1_024, 256, 60_000)) {
        return action.apply(accounts, ledger);
      }
    }
  }

  static Optional<Organization> organization(AccountService accounts, String name) {
    Optional<Organization> found = accounts.findOrganization(name);
    if (found.isEmpty()) {
      System.err.println("No organisation named " + name);
    }
    return found;
  }

  @Command(name = "balance", mixinStandardHelpOptions = true, description = "Shows the pool and budgets.")
  static final class Balance implements Callable<Integer> {
    @ParentCommand CreditsCommand credits;

    @Option(names = "--org", defaultValue = AccountService.DEFAULT_ORGANIZATION)
    String organization = AccountService.DEFAULT_ORGANIZATION;

    @Override
    public Integer call() {
      return credits.withLedger(
          (accounts, ledger) ->
              organization(accounts, organization)
                  .map(
                      org -> {
                        OrganizationBalance balance = ledger.balance(org.id());
                        print("organization", balance.pool());
                        balance.budgets().forEach(budget -> print(budget.scope().wireName() + " " + budget.ownerId(), budget));
                        return 0;
                      })
                  .orElse(1));
    }

    private static void print(String label, AccountBalance balance) {
      System.out.printf(
          "%-40s available %s  pending %s  posted %s%s%n",
          label,
          balance.availableMicros() == null ? "unlimited" : Credits.format(balance.availableMicros()),
          Credits.format(balance.pendingMicros()),
          Credits.format(balance.postedMicros()),
          balance.limitMicros() == null
              ? ""
              : "  limit " + Credits.format(balance.limitMicros()) + " " + balance.resetPeriod().wireName());
    }
  }

  @Command(name = "grant", mixinStandardHelpOptions = true, description = "Adds credits to the pool.")
  static final class Grant implements Callable<Integer> {
    @ParentCommand CreditsCommand credits;

    @Parameters(paramLabel = "AMOUNT", description = "Credits, up to 6 decimals.")
    String amount = "";

    @Option(names = "--reason", required = true, description = "Why (kept on the transfer).")
    String reason = "";

    @Option(names = "--org", defaultValue = AccountService.DEFAULT_ORGANIZATION)
    String organization = AccountService.DEFAULT_ORGANIZATION;

    @Override
    public Integer call() {
      Optional<Long> micros = Credits.parse(amount).filter(value -> value > 0);
      if (micros.isEmpty()) {
        System.err.println("AMOUNT must be a positive number of credits with at most 6 decimals");
        return 2;
      }
      return credits.withLedger(
          (accounts, ledger) ->
              organization(accounts, organization)
                  .map(
                      org -> {
                        GrantResult result = ledger.grant(org.id(), micros.get(), reason, null);
                        if (result instanceof GrantResult.Granted granted) {
                          System.out.println(
                              "Granted " + Credits.format(granted.amountMicros()) + " credits (" + granted.transferId() + ")");
                          return 0;
                        }
                        System.err.println("Grant refused: " + result);
                        return 1;
                      })
                  .orElse(1));
    }
  }

  @Command(name = "ledger", mixinStandardHelpOptions = true, description = "Lists recent transfers.")
  static final class Ledger implements Callable<Integer> {
    @ParentCommand CreditsCommand credits;

    @Option(names = "--org", defaultValue = AccountService.DEFAULT_ORGANIZATION)
    String organization = AccountService.DEFAULT_ORGANIZATION;

    @Option(names = "--limit", defaultValue = "20")
    int limit = 20;

    @Override
    public Integer call() {
      return credits.withLedger(
          (accounts, ledger) ->
              organization(accounts, organization)
                  .map(
                      org -> {
                        for (Transfer transfer : ledger.transfers(org.id(), null, Math.max(1, Math.min(limit, 1000)), null, null)) {
                          System.out.printf(
                              "%-30s %-8s %14s  %s%n",
                              transfer.id(),
                              transfer.kind(),
                              Credits.format(transfer.amountMicros()),
                              transfer.videoId() != null ? transfer.videoId() : String.valueOf(transfer.reason()));
                        }
                        return 0;
                      })
                  .orElse(1));
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Recomputes every balance from the transfers; exit 1 on any drift.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand CreditsCommand credits;

    @Override
    public Integer call() {
      VerifyReport report = credits.withLedger((accounts, ledger) -> ledger.verify());
      report.drifts().forEach(System.out::println);
      System.out.println(
          "Checked "
              + report.accountsChecked()
              + " accounts against "
              + report.transfersChecked()
              + " transfers: "
              + (report.clean() ? "no drift" : report.drifts().size() + " drifts"));
      return report.clean() ? 0 : 1;
    }
  }
}
