package dev.aivid.bench;

import io.javalin.Javalin;
import java.net.URI;

/**
 * The floor: Javalin configured like the gateway (Jetty, virtual threads) with one handler that
 * writes the captured bytes, so the difference to the gateway is what the gateway itself adds.
 */
final class BareTarget implements AutoCloseable {
  private final Javalin server;
  private final URI videoUri;

  private BareTarget(Javalin server, String videoId) {
    this.server = server;
    this.videoUri = URI.create("http://127.0.0.1:" + server.port() + "/v1/videos/" + videoId);
  }

  static BareTarget start(String videoId, byte[] responseBytes) {
    Javalin server =
        Javalin.create(
                config -> {
                  config.jetty.port = 0;
                  config.startup.showJavalinBanner = false;
                  config.concurrency.useVirtualThreads = true;
                  config.routes.get(
                      "/v1/videos/{video_id}",
                      context -> context.contentType("application/json").result(responseBytes));
                })
            .start();
    return new BareTarget(server, videoId);
  }

  String name() {
    return "bare Javalin";
  }

  URI videoUri() {
    return videoUri;
  }

  @Override
  public void close() {
    server.stop();
  }
}
