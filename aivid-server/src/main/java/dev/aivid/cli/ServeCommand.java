package dev.aivid.cli;

import dev.aivid.App;
import dev.aivid.Main;
import dev.aivid.config.AppConfig;
import dev.aivid.config.ConfigException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "serve",
    description = {
      "Runs the gateway (HTTP API, workers, embedded PostgreSQL).",
      "The database lives under AIVID_DATA_DIR unless AIVID_DATABASE_URL points elsewhere.",
      "Ctrl-C or SIGTERM stops it cleanly."
    })
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(main.environment());
    } catch (ConfigException e) {
      System.err.println("Configuration error (" + e.code() + "): " + e.getMessage());
      return 2;
    }
    App app = App.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "aivid-shutdown"));
    System.out.println("AIVid listening on port " + app.port());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
