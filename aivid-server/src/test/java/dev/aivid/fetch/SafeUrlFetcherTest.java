package dev.aivid.fetch;

import static dev.aivid.fetch.FakeResolver.address;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.fetch.FetchResult.Fetched;
import dev.aivid.fetch.FetchResult.Rejected;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeUrlFetcherTest {

    private static final InetAddress ALLOWED_ADDRESS = address("127.0.0.1");
    private static final InetAddress INTERNAL_ADDRESS = address("127.0.0.2");
    /** In tests 127.0.0.1 plays "the public internet" and every other address plays "internal". */
    private static final AddressPolicy ONLY_127_0_0_1 = ALLOWED_ADDRESS::equals;

    private static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
        0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89
    };
    private static final long ENDLESS_TOTAL_BYTES = 256L * 1024 * 1024;

    private final ExecutorService handlerThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, String> lastRequestHeaders = new ConcurrentHashMap<>();
    private final AtomicLong endlessBytesWritten = new AtomicLong();
    private final CountDownLatch endlessWriteFailed = new CountDownLatch(1);

    private HttpServer server;
    private HttpServer internalServer;
    private FakeResolver resolver;

    @BeforeEach
    void startServers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(ALLOWED_ADDRESS, 0), 0);
        server.setExecutor(handlerThreads);
        // Bound to 127.0.0.2 so a fetcher that wrongly connected there would really reach it.
        internalServer = HttpServer.create(new InetSocketAddress(INTERNAL_ADDRESS, 0), 0);
        internalServer.setExecutor(handlerThreads);

        internalServer.createContext("/", counted("internal", exchange -> respond(exchange, 200, "text/plain",
                "secret".getBytes(StandardCharsets.UTF_8))));
        server.createContext("/image.png", counted("image", exchange -> {
            lastRequestHeaders.put("Host", exchange.getRequestHeaders().getFirst("Host"));
            lastRequestHeaders.put("User-Agent", exchange.getRequestHeaders().getFirst("User-Agent"));
            lastRequestHeaders.put("Accept", exchange.getRequestHeaders().getFirst("Accept"));
            lastRequestHeaders.put("Connection", exchange.getRequestHeaders().getFirst("Connection"));
            lastRequestHeaders.put("RequestURI", exchange.getRequestURI().toString());
            respond(exchange, 200, "image/png", PNG);
        }));
        server.createContext("/chunked.png", counted("chunked", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : PNG) {
                    out.write(b);
                    out.flush();
                }
            }
        }));
        server.createContext("/large-declared", counted("large-declared",
                exchange -> respond(exchange, 200, "image/png", new byte[4096])));
        server.createContext("/endless", counted("endless", this::streamEndlessly));
        server.createContext("/drip", counted("drip", this::drip));
        server.createContext("/missing", counted("missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        }));
        server.createContext("/redirect-internal-name", counted("redirect-internal-name", exchange -> redirect(exchange,
                "http://internal.example:" + internalServer.getAddress().getPort() + "/secret")));
        server.createContext("/redirect-internal-literal", counted("redirect-internal-literal", exchange ->
                redirect(exchange, "http://127.0.0.2:" + internalServer.getAddress().getPort() + "/secret")));
        server.createContext("/redirect-ftp", counted("redirect-ftp",
                exchange -> redirect(exchange, "ftp://images.example/image.png")));
        server.createContext("/redirect-without-location", counted("redirect-without-location", exchange -> {
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }));
        server.createContext("/chain/", counted("chain", exchange -> {
            int remaining = Integer.parseInt(exchange.getRequestURI().getPath().substring("/chain/".length()));
            if (remaining == 0) {
                respond(exchange, 200, "image/png", PNG);
            } else {
                // Relative reference, so resolution against the current URI is exercised.
                redirect(exchange, String.valueOf(remaining - 1));
            }
        }));

        server.start();
        internalServer.start();

        resolver = new FakeResolver(Map.of(
                "images.example", List.of(ALLOWED_ADDRESS),
                "internal.example", List.of(INTERNAL_ADDRESS),
                "private.example", List.of(address("10.0.0.1")),
                "mixed.example", List.of(ALLOWED_ADDRESS, address("10.0.0.1")),
                "empty.example", List.of()));
    }

    @AfterEach
    void stopServers() {
        release.countDown();
        server.stop(0);
        internalServer.stop(0);
        handlerThreads.close();
    }

    @Test
    void fetchesAnImageThroughTheResolvedName() {
        String url = url("/image.png?size=small");

        FetchResult result = fetcher(limits()).fetch(url);

        assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.body()).isEqualTo(PNG);
            assertThat(fetched.contentType()).isEqualTo("image/png");
            assertThat(fetched.finalUri()).isEqualTo(URI.create(url));
        });
        // images.example exists only in the fake resolver, so reaching the server proves the connect
        // went to the address the resolver returned.
        assertThat(resolver.lookups("images.example")).isEqualTo(1);
        assertThat(lastRequestHeaders).containsEntry("Host", "images.example:" + port())
                .containsEntry("User-Agent", "AIVid-fetch/1")
                .containsEntry("Accept", "image/*")
                .containsEntry("Connection", "close")
                .containsEntry("RequestURI", "/image.png?size=small");
    }

    @Test
    void connectsToTheCheckedAddressEvenWhenDnsChangesAfterTheCheck() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> lookups.getAndIncrement() == 0
                ? List.of(ALLOWED_ADDRESS)
                : List.of(address("10.0.0.1"));

        FetchResult result = new SafeUrlFetcher(ONLY_127_0_0_1, rebinding, limits()).fetch(url("/image.png"));

        assertThat(result).isInstanceOf(Fetched.class);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void readsAChunkedBody() {
        FetchResult result = fetcher(limits()).fetch(url("/chunked.png"));

        assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.body()).isEqualTo(PNG);
            assertThat(fetched.contentType()).isEqualTo("image/png");
        });
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        FetchLimits exact = new FetchLimits(PNG.length, Duration.ofSeconds(2), Duration.ofSeconds(5), 3);

        assertThat(fetcher(exact).fetch(url("/image.png"))).isInstanceOf(Fetched.class);
        assertThat(fetcher(exact).fetch(url("/chunked.png"))).isInstanceOf(Fetched.class);
    }

    @Test
    void rejectsAPrivateIpLiteralWithoutConnecting() {
        FetchResult result = fetcher(limits())
                .fetch("http://127.0.0.2:" + internalServer.getAddress().getPort() + "/secret");

        assertRejected(result, "forbidden_address", "127.0.0.2");
        assertThat(hits("internal")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://[::1]/",
        "http://[::ffff:127.0.0.2]/",
        "http://10.0.0.1/",
        "https://10.0.0.1/image.png",
        "http://private.example/image.png",
        "http://internal.example/image.png",
        "http://mixed.example/image.png"
    })
    void rejectsDisallowedAddresses(String url) {
        assertRejected(fetcher(limits()).fetch(url), "forbidden_address", null);
    }

    @Test
    void rejectsAHostWithOnePrivateAmongPublicAddressesWithoutConnecting() {
        FetchResult result = fetcher(limits()).fetch("http://mixed.example:" + port() + "/image.png");

        assertRejected(result, "forbidden_address", "mixed.example");
        assertThat(hits("image")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "file:///etc/passwd",
        "ftp://images.example/image.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "gopher://images.example/",
        "javascript:alert(1)",
        "jar:file:/tmp/a.jar!/image.png"
    })
    void rejectsUnsupportedSchemes(String url) {
        assertRejected(fetcher(limits()).fetch(url), "unsupported_url_scheme", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "not a url",
        "images.example/image.png",
        "//images.example/image.png",
        "http://",
        "http:///image.png",
        "http:images.example",
        "http://images.example:99999/",
        "http://images.example:0/",
        "http://[::1/",
        "http://[fe80::1%25eth0]/",
        "http://300.1.1.1/",
        "http://images.example/a b.png"
    })
    void rejectsMalformedUrls(String url) {
        assertRejected(fetcher(limits()).fetch(url), "invalid_url", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://user:pw@images.example/image.png",
        "http://user@images.example/image.png",
        "https://user:pw@bad_host.example/image.png"
    })
    void rejectsCredentialsWithoutEchoingThem(String url) {
        FetchResult result = fetcher(limits()).fetch(url);

        assertRejected(result, "invalid_url", "credentials");
        assertThat(((Rejected) result).message()).doesNotContain("pw").doesNotContain("@");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://unknown.example/image.png", "http://empty.example/image.png"})
    void rejectsUnresolvableHosts(String url) {
        assertRejected(fetcher(limits()).fetch(url), "unresolvable_host", ".example");
    }

    @Test
    void rejectsARedirectToAnInternalNameWithoutContactingIt() {
        FetchResult result = fetcher(limits()).fetch(url("/redirect-internal-name"));

        assertRejected(result, "forbidden_address", "internal.example");
        assertThat(hits("redirect-internal-name")).isEqualTo(1);
        assertThat(hits("internal")).isZero();
    }

    @Test
    void rejectsARedirectToAnInternalLiteralWithoutContactingIt() {
        FetchResult result = fetcher(limits()).fetch(url("/redirect-internal-literal"));

        assertRejected(result, "forbidden_address", "127.0.0.2");
        assertThat(hits("internal")).isZero();
    }

    @Test
    void rejectsARedirectToAnUnsupportedScheme() {
        assertRejected(fetcher(limits()).fetch(url("/redirect-ftp")), "unsupported_url_scheme", "redirect");
    }

    @Test
    void rejectsARedirectWithoutLocation() {
        assertRejected(fetcher(limits()).fetch(url("/redirect-without-location")), "upstream_status", "302");
    }

    @Test
    void followsRelativeRedirectsUpToTheLimit() {
        FetchResult result = fetcher(limits()).fetch(url("/chain/3"));

        assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> {
            assertThat(fetched.body()).isEqualTo(PNG);
            assertThat(fetched.finalUri()).isEqualTo(URI.create(url("/chain/0")));
        });
        assertThat(hits("chain")).isEqualTo(4);
        assertThat(resolver.lookups("images.example")).isEqualTo(4);
    }

    @Test
    void rejectsOneRedirectMoreThanTheLimit() {
        FetchResult result = fetcher(limits()).fetch(url("/chain/4"));

        assertRejected(result, "too_many_redirects", "3");
        assertThat(hits("chain")).isEqualTo(4);
    }

    @Test
    void rejectsAnyRedirectWhenNoneAreAllowed() {
        FetchLimits noRedirects = new FetchLimits(1024, Duration.ofSeconds(2), Duration.ofSeconds(5), 0);

        assertRejected(fetcher(noRedirects).fetch(url("/chain/1")), "too_many_redirects", null);
    }

    @Test
    void reportsANonSuccessStatus() {
        assertRejected(fetcher(limits()).fetch(url("/missing")), "upstream_status", "404");
    }

    @Test
    void rejectsATooLargeDeclaredContentLength() {
        FetchResult result = fetcher(limits()).fetch(url("/large-declared"));

        assertRejected(result, "too_large", "1024 bytes");
        assertThat(((Rejected) result).message()).contains("Content-Length 4096");
    }

    @Test
    void stopsReadingAnUndeclaredStreamOnceItExceedsTheLimit() throws InterruptedException {
        FetchResult result = fetcher(limits()).fetch(url("/endless"));

        assertRejected(result, "too_large", "1024 bytes");
        // The fetcher hung up, so the server's next writes fail long before the stream would end.
        assertThat(endlessWriteFailed.await(30, SECONDS)).isTrue();
        assertThat(endlessBytesWritten.get()).isLessThan(ENDLESS_TOTAL_BYTES);
    }

    @Test
    void timesOutWhenTheServerAcceptsButNeverAnswers() throws Exception {
        try (RawHttpServer silent = RawHttpServer.silent()) {
            FetchLimits shortTotal = new FetchLimits(1024, Duration.ofSeconds(2), Duration.ofMillis(300), 3);
            long started = System.nanoTime();

            FetchResult result = fetcher(shortTotal).fetch("http://images.example:" + silent.port() + "/image.png");

            assertRejected(result, "timeout", "300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(silent.awaitRequest(5, SECONDS)).isTrue();
        }
    }

    @Test
    void timesOutWhenTheServerTricklesBytesPastTheTotalDeadline() {
        FetchLimits shortTotal = new FetchLimits(1024, Duration.ofSeconds(2), Duration.ofMillis(300), 3);
        long started = System.nanoTime();

        FetchResult result = fetcher(shortTotal).fetch(url("/drip"));

        assertRejected(result, "timeout", "300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void measuresTheTotalDeadlineWithTheInjectedClock() {
        SafeUrlFetcher fetcher = new SafeUrlFetcher(ONLY_127_0_0_1, resolver, limits(),
                new SteppingClock(Duration.ofHours(1)));

        assertRejected(fetcher.fetch(url("/image.png")), "timeout", null);
        assertThat(hits("image")).isZero();
    }

    @Test
    void reportsARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, ALLOWED_ADDRESS)) {
            closedPort = probe.getLocalPort();
        }

        assertRejected(fetcher(limits()).fetch("http://images.example:" + closedPort + "/"), "fetch_failed",
                "refused");
    }

    @Test
    void readsABodyDelimitedByConnectionClose() throws Exception {
        try (RawHttpServer raw = RawHttpServer.respondingWith(
                "HTTP/1.1 100 Continue\r\n\r\n"
                        + "HTTP/1.0 200 OK\r\nContent-Type: image/gif\r\nX-Folded: a\r\n b\r\n\r\nGIF89a")) {
            FetchResult result = fetcher(limits()).fetch("http://images.example:" + raw.port() + "/a.gif");

            assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> {
                assertThat(fetched.body()).isEqualTo("GIF89a".getBytes(StandardCharsets.US_ASCII));
                assertThat(fetched.contentType()).isEqualTo("image/gif");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n",
        "SSH-2.0-OpenSSH_9.6\r\n",
        "HTTP/2 200\r\n\r\n",
        ""
    })
    void reportsMalformedOrTruncatedResponsesAsFetchFailures(String response) throws Exception {
        try (RawHttpServer raw = RawHttpServer.respondingWith(response)) {
            FetchResult result = fetcher(limits()).fetch("http://images.example:" + raw.port() + "/a.png");

            assertRejected(result, "fetch_failed", "images.example");
        }
    }

    private SafeUrlFetcher fetcher(FetchLimits limits) {
        return new SafeUrlFetcher(ONLY_127_0_0_1, resolver, limits);
    }

    private static FetchLimits limits() {
        return new FetchLimits(1024, Duration.ofSeconds(2), Duration.ofSeconds(10), 3);
    }

    private String url(String pathAndQuery) {
        return "http://images.example:" + port() + pathAndQuery;
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private int hits(String handler) {
        AtomicInteger count = hits.get(handler);
        return count == null ? 0 : count.get();
    }

    private HttpHandler counted(String name, HttpHandler handler) {
        return exchange -> {
            hits.computeIfAbsent(name, ignored -> new AtomicInteger()).incrementAndGet();
            handler.handle(exchange);
        };
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void streamEndlessly(HttpExchange exchange) {
        byte[] block = new byte[8192];
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            for (long written = 0; written < ENDLESS_TOTAL_BYTES; written += block.length) {
                out.write(block);
                out.flush();
                endlessBytesWritten.addAndGet(block.length);
            }
        } catch (IOException expectedOnceTheClientHangsUp) {
            endlessWriteFailed.countDown();
        }
    }

    private void drip(HttpExchange exchange) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 0);
            while (!release.await(50, MILLISECONDS)) {
                out.write('x');
                out.flush();
            }
        } catch (IOException | InterruptedException clientGone) {
            // Expected once the fetcher gives up.
        }
    }

    private static void assertRejected(FetchResult result, String code, String messageFragment) {
        assertThat(result).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(code);
            assertThat(rejected.message()).isNotBlank();
            if (messageFragment != null) {
                assertThat(rejected.message()).contains(messageFragment);
            }
        });
    }
}
