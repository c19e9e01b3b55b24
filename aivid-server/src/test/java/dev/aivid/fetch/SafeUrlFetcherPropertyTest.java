package dev.aivid.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.fetch.FetchResult.Rejected;
import java.net.UnknownHostException;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** With no address allowed and no name resolvable, no input may reach the network or throw. */
class SafeUrlFetcherPropertyTest {

    private static final Set<String> OFFLINE_CODES = Set.of(
            "invalid_url", "unsupported_url_scheme", "unresolvable_host", "forbidden_address");

    private final SafeUrlFetcher fetcher = new SafeUrlFetcher(
            address -> false,
            host -> {
                throw new UnknownHostException(host);
            },
            FetchLimits.defaults());

    @Property(tries = 3000)
    void neverThrowsOnArbitraryStrings(@ForAll String input) {
        assertOfflineRejection(fetcher.fetch(input));
    }

    @Property(tries = 3000)
    void neverThrowsOnUrlShapedStrings(@ForAll("urlShaped") String input) {
        assertOfflineRejection(fetcher.fetch(input));
    }

    @Provide
    Arbitrary<String> urlShaped() {
        Arbitrary<String> scheme = Arbitraries.of(
                "http://", "https://", "HTTP://", "hTtPs://", "ftp://", "file:", "data:", "", "//", "http:", "http:///");
        Arbitrary<String> userInfo = Arbitraries.of("", "", "user@", "user:pw@", "@", ":@");
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.of("images.example", "localhost", "[::1]", "127.0.0.1", "10.0.0.1", "[fe80::1%25eth0]",
                        "999.1.1.1", "0x7f.1", "2130706433", "[", "]", "[::ffff:127.0.0.1]", "bad_host", "a..b", ".",
                        "xn--bcher-kva.example", "bücher.example", "images.example."),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> port = Arbitraries.of("", ":80", ":0", ":65535", ":65536", ":99999999999", ":", ":-1", ":a");
        Arbitrary<String> rest = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("/", "/image.png", "/a%20b?x=1#frag", "?q", "#", "/%zz", "/\r\nHost: evil"));
        return Combinators.combine(scheme, userInfo, host, port, rest).as((s, u, h, p, r) -> s + u + h + p + r);
    }

    private static void assertOfflineRejection(FetchResult result) {
        assertThat(result).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.code()).isIn(OFFLINE_CODES);
            assertThat(rejected.message()).isNotBlank();
        });
    }
}
