package dev.aivid.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook consumer on 127.0.0.1: it verifies each request's Standard Webhooks signature with the
 * secret it was given (independently of the server's signing code), records it, and answers with
 * scripted status codes.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Received(String id, String timestamp, String signature, byte[] body, boolean verified, String type) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> scripted = new ArrayDeque<>();
  private volatile int usualStatus = 200;
  private volatile String secret = "";

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext("/hooks", receiver::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  void trust(String newSecret) {
    secret = newSecret;
  }

  /** Answers these status codes to the next requests, in order, then the usual one. */
  synchronized void answerNext(int... statuses) {
    for (int status : statuses) {
      scripted.addLast(status);
    }
  }

  void answerAlways(int status) {
    usualStatus = status;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<Received> ofType(String type) {
    return received.stream().filter(request -> request.type().equals(type)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String id = header(exchange, "webhook-id");
    String timestamp = header(exchange, "webhook-timestamp");
    String signature = header(exchange, "webhook-signature");
    String type;
    try {
      type = JSON.readTree(body).path("type").asText();
    } catch (IOException e) {
      type = "";
    }
    received.add(new Received(id, timestamp, signature, body, verify(secret, id, timestamp, body, signature), type));
    int status = nextStatus();
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private synchronized int nextStatus() {
    Integer next = scripted.pollFirst();
    return next == null ? usualStatus : next;
  }

  private static String header(HttpExchange exchange, String name) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null ? "" : value;
  }

  /** What a consumer does (the snippet in docs/webhooks.md): any one of the listed v1 signatures must match. */
  static boolean verify(String secret, String id, String timestamp, byte[] body, String signatureHeader) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      for (String signature : signatureHeader.split(" ")) {
        if (signature.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
