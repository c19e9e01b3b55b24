package dev.aivid.support;

import dev.aivid.config.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3proxy with its in-memory ({@code transient}) backend, in a child JVM started by the test: its
 * own Jetty and cloud SDKs stay off the server's classpath. The jar is copied to {@code
 * target/s3proxy} by the dependency plugin at generate-test-resources.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY_ID = "aivid-test-access-key";
  public static final String SECRET_ACCESS_KEY = "aivid-test-secret-access-key";
  public static final String REGION = "us-east-1";
  private static S3ProxyServer shared;

  private final Process process;
  private final URI endpoint;

  private S3ProxyServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** One s3proxy for the test run; each test uses a bucket of its own. */
  public static synchronized S3ProxyServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  public static S3ProxyServer start() {
    Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run mvn generate-test-resources first");
    }
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try {
      Path directory = Files.createTempDirectory("s3proxy-");
      Path properties = directory.resolve("s3proxy.properties");
      Files.write(
          properties,
          List.of(
              "s3proxy.endpoint=" + endpoint,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY_ID,
              "s3proxy.credential=" + SECRET_ACCESS_KEY,
              "jclouds.provider=transient",
              "jclouds.identity=" + ACCESS_KEY_ID,
              "jclouds.credential=" + SECRET_ACCESS_KEY));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process =
          new ProcessBuilder(
                  java.toString(), "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("s3proxy.log").toFile())
              .start();
      S3ProxyServer server = new S3ProxyServer(process, endpoint);
      Await.until(() -> !process.isAlive() || accepts(port), ready -> ready, Duration.ofSeconds(60));
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "s3proxy exited: " + Files.readString(directory.resolve("s3proxy.log")));
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A fresh bucket and the storage settings that point at it. */
  public StorageConfig.S3 newBucket() {
    String bucket = "aivid-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Client client = client()) {
      client.createBucket(request -> request.bucket(bucket));
    }
    return new StorageConfig.S3(endpoint, REGION, bucket, ACCESS_KEY_ID, SECRET_ACCESS_KEY, true);
  }

  /** A client of its own, for tests that look into the bucket behind the server's back. */
  public S3Client client() {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .build();
  }

  @Override
  public void close() {
    process.destroy();
  }
}
