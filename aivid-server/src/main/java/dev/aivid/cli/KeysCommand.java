package dev.aivid.cli;

import dev.aivid.Main;
import dev.aivid.account.AccountService;
import dev.aivid.account.ApiKey;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.CreatedApiKey;
import dev.aivid.account.Organization;
import dev.aivid.account.RevokeResult;
import dev.aivid.account.internal.AccountRepository;
import dev.aivid.config.AppConfig;
import dev.aivid.database.Database;
import dev.aivid.support.Ids;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "keys",
    description = "Manages API keys (works with the server running or stopped).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
  @ParentCommand Main main;

  @Override
  public void run() {
    System.out.println("Use: aivid keys create|list|revoke (see aivid keys --help)");
  }

  <T> T withAccounts(Function<AccountService, T> action) {
    AppConfig config = AppConfig.fromEnvironment(main.environment());
    try (Database database = Database.open(config.databaseUrl(), config.dataDirectory(), true)) {
      AccountService accounts =
          new AccountService(
              new AccountRepository(database.jdbi()),
              new Ids(new SecureRandom()),
              InstantSource.system());
      return action.apply(accounts);
    }
  }

  static Organization organization(AccountService accounts, String name) {
    return accounts
        .findOrganization(name)
        .orElseGet(() -> accounts.createOrganization(name));
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a key and prints it once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Option(names = "--name", defaultValue = "cli", description = "A label for the key.")
    String name = "cli";

    @Option(names = "--role", defaultValue = "member", description = "admin or member.")
    String role = "member";

    @Option(names = "--org", defaultValue = AccountService.DEFAULT_ORGANIZATION, description = "Organisation name (created if missing).")
    String organization = AccountService.DEFAULT_ORGANIZATION;

    @Override
    public Integer call() {
      ApiKeyRole parsedRole = ApiKeyRole.fromWireName(role.toLowerCase(Locale.ROOT)).orElse(null);
      if (parsedRole == null) {
        System.err.println("--role must be admin or member");
        return 2;
      }
      CreatedApiKey created =
          keys.withAccounts(accounts -> accounts.createKey(organization(accounts, organization), name, parsedRole));
      System.out.println(created.secret());
      System.err.println(
          "Created " + created.key().id() + " (" + parsedRole.wireName() + "); the key is shown only once.");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists keys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Option(names = "--org", defaultValue = AccountService.DEFAULT_ORGANIZATION)
    String organization = AccountService.DEFAULT_ORGANIZATION;

    @Override
    public Integer call() {
      java.util.List<ApiKey> found =
          keys.withAccounts(accounts -> accounts.listKeys(organization(accounts, organization).id()));
      System.out.printf("%-28s %-18s %-7s %-8s %s%n", "ID", "PREFIX", "ROLE", "STATE", "NAME");
      for (ApiKey key : found) {
        System.out.printf(
            "%-28s %-18s %-7s %-8s %s%n",
            key.id(), key.prefix(), key.role().wireName(), key.isRevoked() ? "revoked" : "active", key.name());
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a key by id or prefix.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(paramLabel = "KEY", description = "The key's id or prefix.")
    String key = "";

    @Option(names = "--org", defaultValue = AccountService.DEFAULT_ORGANIZATION)
    String organization = AccountService.DEFAULT_ORGANIZATION;

    @Override
    public Integer call() {
      RevokeResult result =
          keys.withAccounts(accounts -> accounts.revokeKey(organization(accounts, organization).id(), key));
      return switch (result) {
        case RevokeResult.Revoked revoked -> {
          System.out.println("Revoked " + revoked.key().id());
          yield 0;
        }
        case RevokeResult.AlreadyRevoked already -> {
          System.out.println(already.key().id() + " was already revoked");
          yield 0;
        }
        case RevokeResult.NotFound notFound -> {
          System.err.println("No key " + key);
          yield 1;
        }
      };
    }
  }
}
