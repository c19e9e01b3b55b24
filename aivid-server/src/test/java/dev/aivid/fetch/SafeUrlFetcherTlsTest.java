package dev.aivid.fetch;

import static dev.aivid.fetch.FakeResolver.address;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.aivid.fetch.FetchResult.Fetched;
import dev.aivid.fetch.FetchResult.Rejected;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS over a pinned address must still verify the certificate against the URL's host name. */
class SafeUrlFetcherTlsTest {

    private static final InetAddress LOOPBACK = address("127.0.0.1");
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] BODY = "GIF89a-tls".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path keyDirectory;

    private static HttpsServer server;
    private static ExecutorService handlerThreads;
    private static SSLSocketFactory trustingTestCertificate;
    private static final List<String> serverNamesSeen = new CopyOnWriteArrayList<>();

    private final FakeResolver resolver = new FakeResolver(Map.of(
            "images.example", List.of(LOOPBACK),
            "other.example", List.of(LOOPBACK)));

    @BeforeAll
    static void startServer() throws Exception {
        KeyStore keyStore = generateKeyStore(keyDirectory.resolve("server.p12"));

        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keyStore);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);
        trustingTestCertificate = clientContext.getSocketFactory();

        handlerThreads = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.setExecutor(handlerThreads);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName serverName) {
                        serverNamesSeen.add(new String(serverName.getEncoded(), StandardCharsets.US_ASCII));
                        return true;
                    }
                }));
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/image.gif", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/gif");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        handlerThreads.close();
    }

    @Test
    void fetchesOverHttpsWithTheHostNameVerifiedAndSentAsSni() {
        FetchResult result = fetcher(trustingTestCertificate).fetch(url("images.example"));

        assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.body()).isEqualTo(BODY);
            assertThat(fetched.contentType()).isEqualTo("image/gif");
        });
        assertThat(serverNamesSeen).contains("images.example");
    }

    @Test
    void rejectsACertificateIssuedForAnotherHost() {
        FetchResult result = fetcher(trustingTestCertificate).fetch(url("other.example"));

        assertThat(result).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo("fetch_failed");
            assertThat(rejected.message()).contains("TLS").contains("other.example");
        });
    }

    @Test
    void rejectsACertificateForTheBareAddress() {
        FetchResult result = fetcher(trustingTestCertificate)
                .fetch("https://127.0.0.1:" + server.getAddress().getPort() + "/image.gif");

        assertThat(result).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo("fetch_failed"));
    }

    @Test
    void rejectsAnUntrustedCertificate() {
        FetchResult result = fetcher((SSLSocketFactory) SSLSocketFactory.getDefault()).fetch(url("images.example"));

        assertThat(result).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo("fetch_failed");
            assertThat(rejected.message()).contains("TLS");
        });
    }

    private SafeUrlFetcher fetcher(SSLSocketFactory tlsSocketFactory) {
        FetchLimits limits = new FetchLimits(1024, Duration.ofSeconds(2), Duration.ofSeconds(10), 0);
        return new SafeUrlFetcher(LOOPBACK::equals, resolver, limits, Clock.systemUTC(), tlsSocketFactory);
    }

    private static String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/image.gif";
    }

    private static KeyStore generateKeyStore(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=images.example",
                "-ext", "SAN=dns:images.example", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool output: %s", output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }
}
