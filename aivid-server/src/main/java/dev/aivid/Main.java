package dev.aivid;

import dev.aivid.cli.KeysCommand;
import dev.aivid.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aivid} command line: every subcommand of the launcher that runs in the JVM. */
@Command(
    name = "aivid",
    mixinStandardHelpOptions = true,
    version = "AIVid 0.1.0",
    description = "Self-hosted gateway for AI video generation.",
    subcommands = {ServeCommand.class, KeysCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "The launcher script also runs:",
      "  test    Runs the whole test suite (the command CI runs).",
      "  bench   Runs the benchmarks in aivid-bench."
    })
public final class Main implements Runnable {
  public static void main(String[] arguments) {
    System.setProperty("java.awt.headless", "true");
    int exitCode = new CommandLine(new Main()).execute(arguments);
    if (exitCode != 0 || arguments.length == 0 || !arguments[0].equals("serve")) {
      System.exit(exitCode);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
