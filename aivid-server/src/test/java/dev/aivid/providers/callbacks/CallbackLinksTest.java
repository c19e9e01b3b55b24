package dev.aivid.providers.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CallbackLinksTest {
  private static final byte[] SERVER_KEY = "a server secret key of 32 bytes!".getBytes(StandardCharsets.US_ASCII);
  private static final CallbackLinks LINKS =
      new CallbackLinks(URI.create("https://aivid.example.com/"), SERVER_KEY, Duration.ofSeconds(30));

  @Test
  void aCallbackUrlIsIssuedOnlyWhenAPublicBaseUrlIsConfigured() {
    assertThat(CallbackLinks.disabled(SERVER_KEY).url("kling", "video_abc")).isEmpty();
    assertThat(CallbackLinks.disabled(SERVER_KEY).enabled()).isFalse();

    URI url = LINKS.url("kling", "video_abc").orElseThrow();

    assertThat(url.toString()).startsWith("https://aivid.example.com/v1/provider-callbacks/kling/video_abc.");
    assertThat(url.getPath().substring(url.getPath().lastIndexOf('.') + 1)).hasSize(43);
  }

  @Test
  void aTokenNamesTheJobItWasIssuedForAndNoOther() {
    String token = LINKS.token("kling", "video_abc");
    String mac = token.substring(token.indexOf('.') + 1);

    assertThat(LINKS.jobId("kling", token)).contains("video_abc");
    assertThat(LINKS.jobId("seedance", token)).isEmpty();
    assertThat(LINKS.jobId("kling", "video_abd." + mac)).isEmpty();
    assertThat(LINKS.jobId("kling", "video_abc." + mac.substring(1))).isEmpty();
  }

  @Test
  void anotherServerKeyIssuesOtherTokens() {
    CallbackLinks other =
        new CallbackLinks(
            URI.create("https://aivid.example.com"),
            "another server key of 32 bytes!!".getBytes(StandardCharsets.US_ASCII),
            Duration.ofSeconds(30));

    assertThat(other.jobId("kling", LINKS.token("kling", "video_abc"))).isEmpty();
  }

  @Test
  void onlyAbsoluteHttpUrlsAreAcceptedAsThePublicBase() {
    assertThatThrownBy(() -> new CallbackLinks(URI.create("ftp://aivid.example.com"), SERVER_KEY, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CallbackLinks(URI.create("/relative"), SERVER_KEY, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 500)
  void noTokenThatWasNotIssuedIsAccepted(@ForAll @StringLength(max = 300) String token) {
    assertThat(LINKS.jobId("kling", token)).isEmpty();
  }

  @Property(tries = 300)
  void everyIssuedTokenComesBackAsItsJob(@ForAll("jobIds") String jobId) {
    assertThat(LINKS.jobId("seedance", LINKS.token("seedance", jobId))).contains(jobId);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> jobIds() {
    return net.jqwik.api.Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        .ofMinLength(1)
        .ofMaxLength(100);
  }
}
