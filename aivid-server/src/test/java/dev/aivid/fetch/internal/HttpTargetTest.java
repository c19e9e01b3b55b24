package dev.aivid.fetch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpTargetTest {

    @ParameterizedTest
    @CsvSource({
        "http://Images.Example/a.png,             images.example, 80,  images.example,      /a.png",
        "HTTPS://images.example,                  images.example, 443, images.example,      /",
        "https://images.example:8443/a?b=c#frag,  images.example, 8443, images.example:8443, /a?b=c",
        "http://images.example:80/,               images.example, 80,  images.example,      /",
        "http://[2606:4700::1]:8080/x,            2606:4700::1,   8080, [2606:4700::1]:8080, /x",
        "http://images.example/caf%C3%A9.png?q=%20, images.example, 80, images.example,     /caf%C3%A9.png?q=%20",
        "http://images.example/café.png,          images.example, 80,  images.example,      /caf%C3%A9.png"
    })
    void splitsTheUrlIntoConnectionAndRequestParts(String url, String host, int port, String hostHeader,
            String requestTarget) {
        HttpTarget target = valid(HttpTarget.parse(url));

        assertThat(target.host()).isEqualTo(host);
        assertThat(target.port()).isEqualTo(port);
        assertThat(target.hostHeader()).isEqualTo(hostHeader);
        assertThat(target.requestTarget()).isEqualTo(requestTarget);
    }

    @Test
    void recognisesIpLiteralsWithoutResolving() throws Exception {
        assertThat(valid(HttpTarget.parse("http://203.0.113.7/")).literalAddress())
                .isEqualTo(InetAddress.getByName("203.0.113.7"));
        assertThat(valid(HttpTarget.parse("http://[::1]/")).literalAddress())
                .isEqualTo(InetAddress.getByName("::1"));
        assertThat(valid(HttpTarget.parse("http://images.example/")).literalAddress()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "http://images.example,          a.png,                     http://images.example/a.png",
        "http://images.example/x/y.png,  z.png,                     http://images.example/x/z.png",
        "http://images.example/x/y.png,  ../z.png,                  http://images.example/z.png",
        "http://images.example/x/y.png,  /z.png?q=1,                http://images.example/z.png?q=1",
        "http://images.example/x/y.png,  //cdn.example/z.png,       http://cdn.example/z.png",
        "https://images.example/x,       http://cdn.example:81/z,   http://cdn.example:81/z"
    })
    void resolvesRedirectLocationsAgainstTheCurrentUrl(String current, String location, String expected) {
        HttpTarget target = valid(valid(HttpTarget.parse(current)).redirect(location));

        assertThat(target.uri()).isEqualTo(URI.create(expected));
    }

    @Test
    void appliesTheSameRulesToRedirectTargets() {
        HttpTarget current = valid(HttpTarget.parse("http://images.example/"));

        assertThat(current.redirect("file:///etc/passwd"))
                .isInstanceOfSatisfying(TargetParseResult.Invalid.class,
                        invalid -> assertThat(invalid.code()).isEqualTo("unsupported_url_scheme"));
        assertThat(current.redirect("http://user:pw@images.example/"))
                .isInstanceOfSatisfying(TargetParseResult.Invalid.class,
                        invalid -> assertThat(invalid.code()).isEqualTo("invalid_url"));
        assertThat(current.redirect("http://[bad/"))
                .isInstanceOfSatisfying(TargetParseResult.Invalid.class,
                        invalid -> assertThat(invalid.code()).isEqualTo("invalid_url"));
    }

    private static HttpTarget valid(TargetParseResult result) {
        assertThat(result).isInstanceOf(TargetParseResult.Valid.class);
        return ((TargetParseResult.Valid) result).target();
    }
}
