package dev.aivid.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.providers.ProviderOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result server that sends the headers and part of the body, then goes quiet without closing. */
class StalledDownloadTest {

  @Test
  void aDownloadThatStopsDeliveringBytesIsAbandonedAndLeavesNoFile(@TempDir Path directory) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> serveOnceAndStall(server, release));
      InstantSource clock = InstantSource.system();
      ProviderHttp http =
          new ProviderHttp(
              "stall", new HttpSettings(2_000, 2_000, 60_000, 1, 10, 10, 0, 1024 * 1024, 300), CircuitBreaker.defaults(clock),
              duration -> {}, new SplittableRandom(1), clock);
      Path target = directory.resolve("video.mp4");

      ProviderOutcome<Path> outcome = http.download(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v.mp4"), Map.of(), target);

      assertThat(outcome).isInstanceOf(ProviderOutcome.TransportFailure.class);
      assertThat(((ProviderOutcome.TransportFailure<Path>) outcome).message()).contains("stalled");
      assertThat(Files.exists(target)).isFalse();
    } finally {
      release.countDown();
    }
  }

  private static void serveOnceAndStall(ServerSocket server, CountDownLatch release) {
    try (Socket socket = server.accept()) {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      in.read(buffer);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1000]);
      out.flush();
      release.await();
    } catch (IOException | InterruptedException ignored) {
      // The client gave up: that is the point.
    }
  }
}
