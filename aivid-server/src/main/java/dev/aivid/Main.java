package dev.aivid;

import dev.aivid.cli.CreditsCommand;
import dev.aivid.cli.KeysCommand;
import dev.aivid.cli.PreflightCommand;
import dev.aivid.cli.ServeCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aivid} command line: every subcommand of the launcher that runs in the JVM. */
@Command(
    name = "aivid",
    mixinStandardHelpOptions = true,
    version = "AIVid 0.1.0",
    description = "Self-hosted gateway for AI video generation.",
    subcommands = {
      ServeCommand.class,
      KeysCommand.class,
      CreditsCommand.class,
      PreflightCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "The launcher script also runs:",
      "  test    Runs the whole test suite (the command CI runs).",
      "  bench   Runs a benchmark in aivid-bench: gateway (default), ledger, parse, media, routing, scale."
    })
public final class Main implements Runnable {
  private final Map<String, String> environment;

  public Main(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static void main(String[] arguments) {
    System.setProperty("java.awt.headless", "true");
    System.exit(new CommandLine(new Main(System.getenv())).execute(arguments));
  }

  /** The {@code AIVID_*} settings the subcommands read; injected so tests can run the CLI. */
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
