package dev.aivid.api.credits;

import static dev.aivid.api.credits.CreditsFixture.SMALL_VIDEO;
import static dev.aivid.api.credits.CreditsFixture.SMALL_VIDEO_MICROS;
import static dev.aivid.api.credits.CreditsFixture.balance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.api.credits.CreditsFixture.Balance;
import dev.aivid.api.credits.CreditsFixture.Funded;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreditsStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

  private App app;
  private Funded organization;
  private Http http;
  private final List<BalanceStream> streams = new ArrayList<>();

  /**
   * An organisation with no ledger history: nothing committed before a stream opens, so every
   * event the stream sends is caused by something the test did after opening it.
   */
  @BeforeEach
  void setUp() {
    app = TestServers.shared();
    organization = CreditsFixture.fundedOrganization(app, 0, ApiKeyRole.ADMIN);
    http = organization.http();
  }

  @AfterEach
  void closeStreams() {
    streams.forEach(BalanceStream::close);
  }

  private void grant(String amount, String reason) {
    Http.Response granted =
        http.postJson(
            "/v1/credits/grants", "{\"amount\":\"" + amount + "\",\"reason\":\"" + reason + "\"}");
    assertThat(granted.status()).as(granted.text()).isEqualTo(201);
  }

  @Test
  void theStreamStartsWithTheCurrentBalanceAndShowsAHoldOnceTheCreateHasReturned() {
    BalanceStream stream = open(organization.apiKey());
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");

    JsonNode initial = stream.next();

    assertThat(without(initial)).isEqualTo(balance(http).withoutTimestamp());
    assertThat(initial.path("object").asText()).isEqualTo("credits.balance");
    assertThat(initial.path("available").asText()).isEqualTo("0");
    grant("1000", "funds");
    JsonNode funded = stream.next();
    assertThat(without(funded)).isEqualTo(balance(http).withoutTimestamp());
    assertThat(funded.path("available").asText()).isEqualTo("1000");

    Http.Response created = CreditsFixture.create(http, SMALL_VIDEO);
    assertThat(created.status()).as(created.text()).isEqualTo(200);

    // The hold committed before the create answered and every earlier event has been read, so the
    // next event cannot be older than the hold: it is the hold itself or, if the render already
    // finished, its charge.
    Balance next = Balance.of(stream.next());
    assertThat(next.pending() + next.posted()).isPositive();
    Balance withHold =
        next.pending() == SMALL_VIDEO_MICROS ? next : Balance.of(stream.nextMatching(this::holds));
    assertThat(withHold.pending()).isEqualTo(SMALL_VIDEO_MICROS);
    assertThat(withHold.json().path("pending").asText()).isEqualTo("0.1");
    assertThat(withHold.available()).isEqualTo(withHold.credited() - SMALL_VIDEO_MICROS);

    String id = created.json().path("id").asText();
    Http.Response done = CreditsFixture.awaitCompleted(http, id, Duration.ofSeconds(120));
    long charged = CreditsFixture.micros(done.header("x-aivid-credits-charged"));
    JsonNode settled = stream.nextMatching(event -> Balance.of(event).posted() == charged);
    assertThat(Balance.of(settled).pending()).isZero();
    assertThat(without(settled)).isEqualTo(balance(http).withoutTimestamp());
  }

  private boolean holds(JsonNode event) {
    return Balance.of(event).pending() == SMALL_VIDEO_MICROS;
  }

  @Test
  void afterEachGrantTheNextEventEqualsWhatTheBalanceEndpointReturnsAtThatMoment() {
    BalanceStream stream = open(organization.apiKey());
    assertThat(without(stream.next())).isEqualTo(balance(http).withoutTimestamp());

    for (int i = 1; i <= 10; i++) {
      grant("0.5", "stream " + i);

      // Nothing else commits for this organisation, so the event this grant caused is the next
      // one, and it must show the ledger exactly as it is now.
      JsonNode event = stream.next();
      assertThat(without(event)).isEqualTo(balance(http).withoutTimestamp());
      assertThat(Balance.of(event).credited()).isEqualTo(i * 500_000L);
    }
  }

  @Test
  void whileRendersSettleNoEventIsAheadOfTheLedgerTotalsNeverGoBackAndTheStreamCatchesUp() {
    BalanceStream stream = open(organization.apiKey());
    List<Balance> seen = new ArrayList<>();
    seen.add(Balance.of(stream.next()));
    grant("1000", "funds");
    for (int i = 0; i < 3; i++) {
      CreditsFixture.createId(http, SMALL_VIDEO);
      grant("0.5", "render " + i);
    }

    // Commits only add to the cumulative totals (credited, posted, pending + posted), so an event
    // is a state the ledger has reached when each of its totals is at most the ledger's now.
    while (true) {
      JsonNode event = stream.next();
      Balance shown = Balance.of(event);
      Balance now = balance(http);
      seen.add(shown);
      assertThat(shown.credited()).isLessThanOrEqualTo(now.credited());
      assertThat(shown.posted()).isLessThanOrEqualTo(now.posted());
      assertThat(shown.pending() + shown.posted()).isLessThanOrEqualTo(now.pending() + now.posted());
      assertThat(shown.available()).isEqualTo(shown.credited() - shown.posted() - shown.pending());
      if (now.pending() == 0 && without(event).equals(now.withoutTimestamp())) {
        break;
      }
    }

    for (int i = 1; i < seen.size(); i++) {
      Balance previous = seen.get(i - 1);
      Balance current = seen.get(i);
      assertThat(current.credited()).isGreaterThanOrEqualTo(previous.credited());
      assertThat(current.posted()).isGreaterThanOrEqualTo(previous.posted());
      assertThat(current.pending() + current.posted())
          .isGreaterThanOrEqualTo(previous.pending() + previous.posted());
    }
    Balance last = seen.getLast();
    assertThat(last.credited()).isEqualTo(1_001_500_000L);
    assertThat(last.pending()).isZero();
    assertThat(last.posted()).isPositive().isLessThanOrEqualTo(3 * SMALL_VIDEO_MICROS);
  }

  @Test
  void aStreamOnlyEverShowsItsOwnOrganisation() {
    Funded other = CreditsFixture.fundedOrganization(app, 0, ApiKeyRole.ADMIN);
    BalanceStream mine = open(organization.apiKey());
    BalanceStream theirs = open(other.apiKey());
    assertThat(mine.next().path("organization_id").asText()).isEqualTo(organization.organization().id());
    assertThat(theirs.next().path("organization_id").asText()).isEqualTo(other.organization().id());

    assertThat(other.http().postJson("/v1/credits/grants", "{\"amount\":\"3\",\"reason\":\"theirs\"}").status())
        .isEqualTo(201);
    grant("2", "mine");

    assertThat(mine.next().path("credited").asText()).isEqualTo("2");
    assertThat(theirs.next().path("credited").asText()).isEqualTo("3");
  }

  @Test
  void theStreamNeedsAnApiKey() {
    BalanceStream anonymous = open(null);

    assertThat(anonymous.status()).isEqualTo(401);
  }

  private static JsonNode without(JsonNode event) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).deepCopy();
    copy.remove("as_of");
    return copy;
  }

  private BalanceStream open(@Nullable String apiKey) {
    BalanceStream stream = new BalanceStream("http://localhost:" + app.port(), apiKey);
    streams.add(stream);
    return stream;
  }

  /** An SSE client on the JDK HttpClient: a virtual thread turns lines into balance events. */
  private static final class BalanceStream implements AutoCloseable {
    private final HttpClient client = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    BalanceStream(String baseUrl, @Nullable String apiKey) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/v1/credits/stream"))
              .header("Accept", "text/event-stream")
              .GET();
      if (apiKey != null) {
        request.header("Authorization", "Bearer " + apiKey);
      }
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      reader = Thread.ofVirtual().name("sse-reader").start(this::read);
    }

    int status() {
      return response.statusCode();
    }

    String contentType() {
      return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
      String event = null;
      try {
        Iterator<String> lines = response.body().iterator();
        while (lines.hasNext()) {
          String line = lines.next();
          if (line.startsWith("event:")) {
            event = line.substring("event:".length()).trim();
          } else if (line.startsWith("data:") && "balance".equals(event)) {
            events.add(JSON.readTree(line.substring("data:".length()).trim()));
          } else if (line.isEmpty()) {
            event = null;
          }
        }
      } catch (IOException | RuntimeException e) {
        // The stream was closed by the test (or the server); readers see no further events.
      }
    }

    JsonNode next() {
      try {
        JsonNode event = events.poll(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
          throw new AssertionError("No balance event within " + EVENT_WAIT);
        }
        return event;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    JsonNode nextMatching(java.util.function.Predicate<JsonNode> condition) {
      List<JsonNode> skipped = new ArrayList<>();
      while (true) {
        JsonNode event;
        try {
          event = next();
        } catch (AssertionError e) {
          throw new AssertionError("No matching balance event; saw " + skipped, e);
        }
        if (condition.test(event)) {
          return event;
        }
        skipped.add(event);
      }
    }

    @Override
    public void close() {
      response.body().close();
      reader.interrupt();
      client.shutdownNow();
    }
  }
}
