package dev.aivid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.App;
import dev.aivid.Main;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KeysCommandTest {

  private record Run(int exitCode, String output) {}

  private static Run run(Map<String, String> environment, String... arguments) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int exitCode = new CommandLine(new Main(environment)).execute(arguments);
      return new Run(exitCode, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void keysCreatedListedAndRevokedFromTheCommandLineWorkAgainstTheRunningServer() {
    Path dataDirectory = TestServers.temporaryDirectory("aivid-cli-");
    Map<String, String> environment = Map.of("AIVID_DATA_DIR", dataDirectory.toString());
    try (App app = App.start(TestServers.config(dataDirectory))) {
      Run created = run(environment, "keys", "create", "--name", "from-cli", "--role", "member");
      assertThat(created.exitCode()).isZero();
      String secret = created.output().strip();
      assertThat(secret).startsWith("aivid_");
      Http http = new Http("http://localhost:" + app.port(), secret);
      assertThat(http.get("/v1/videos").status()).isEqualTo(200);

      Run listed = run(environment, "keys", "list");
      assertThat(listed.output()).contains("from-cli").contains("member").doesNotContain(secret);

      Run revoked = run(environment, "keys", "revoke", secret.substring(0, 16));
      assertThat(revoked.exitCode()).isZero();
      assertThat(http.get("/v1/videos").status()).isEqualTo(401);
      assertThat(run(environment, "keys", "revoke", "key_missing").exitCode()).isEqualTo(1);
    }
  }

  @Test
  void helpListsEverySubcommand() {
    Run help = run(Map.of(), "--help");
    assertThat(help.output()).contains("serve", "keys", "credits", "test", "bench");
  }

  @Test
  void creditsGrantedFromTheCommandLineShowInTheBalanceAndVerifyFindsNoDrift() {
    Path dataDirectory = TestServers.temporaryDirectory("aivid-credits-cli-");
    Map<String, String> environment = Map.of("AIVID_DATA_DIR", dataDirectory.toString());
    try (App app = App.start(TestServers.config(dataDirectory))) {
      Http http = new Http("http://localhost:" + app.port(), TestServers.BOOTSTRAP_KEY);
      String before = http.get("/v1/credits").json().path("available").asText();

      Run granted = run(environment, "credits", "grant", "12.5", "--reason", "top up from the CLI");
      assertThat(granted.exitCode()).isZero();
      assertThat(granted.output()).contains("Granted 12.5 credits");

      assertThat(new java.math.BigDecimal(http.get("/v1/credits").json().path("available").asText()))
          .isEqualByComparingTo(new java.math.BigDecimal(before).add(new java.math.BigDecimal("12.5")));
      assertThat(run(environment, "credits", "balance").output()).contains("organization");
      assertThat(run(environment, "credits", "ledger").output()).contains("top up from the CLI");
      Run verified = run(environment, "credits", "verify");
      assertThat(verified.exitCode()).isZero();
      assertThat(verified.output()).contains("no drift");
      assertThat(run(environment, "credits", "grant", "-3", "--reason", "x").exitCode()).isEqualTo(2);
    }
  }
}
