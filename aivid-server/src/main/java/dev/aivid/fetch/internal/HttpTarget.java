package dev.aivid.fetch.internal;

import static dev.aivid.fetch.FetchResult.Rejected.INVALID_URL;
import static dev.aivid.fetch.FetchResult.Rejected.UNSUPPORTED_URL_SCHEME;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated absolute http(s) URL, split into what the connection needs.
 *
 * @param uri the URL, with an empty path normalised to {@code /}
 * @param secure whether to speak TLS
 * @param host lower-case host name or IP literal, IPv6 without brackets
 * @param port explicit or default port
 * @param literalAddress the address when {@code host} is an IP literal, else null
 */
public record HttpTarget(URI uri, boolean secure, String host, int port, @Nullable InetAddress literalAddress) {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public HttpTarget {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
    }

    public static TargetParseResult parse(String url) {
        String trimmed = url.strip();
        if (trimmed.isEmpty()) {
            return invalid(INVALID_URL, "URL is empty");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return invalid(INVALID_URL, "URL is malformed");
        }
        return fromUri(uri, "URL");
    }

    /** Resolves a {@code Location} header value against this target, applying the same rules as {@link #parse}. */
    public TargetParseResult redirect(String location) {
        URI reference;
        try {
            reference = new URI(location.strip());
        } catch (URISyntaxException e) {
            return invalid(INVALID_URL, "redirect location is not a valid URL");
        }
        return fromUri(uri.resolve(reference), "redirect URL");
    }

    /** Origin-form request target: raw path and query, non-ASCII characters percent-encoded. */
    public String requestTarget() {
        URI ascii = URI.create(uri.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        return ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
    }

    public String hostHeader() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort(secure) ? name : name + ":" + port;
    }

    private static TargetParseResult fromUri(URI uri, String subject) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            return invalid(INVALID_URL, subject + " must be absolute and start with http:// or https://");
        }
        String normalizedScheme = scheme.toLowerCase(Locale.ROOT);
        if (!normalizedScheme.equals("http") && !normalizedScheme.equals("https")) {
            return invalid(UNSUPPORTED_URL_SCHEME,
                    subject + " scheme '" + scheme + "' is not supported; only http and https are allowed");
        }
        if (uri.isOpaque()) {
            return invalid(INVALID_URL, subject + " must have the form " + normalizedScheme + "://host/path");
        }
        String rawAuthority = uri.getRawAuthority();
        // Registry-based authorities (e.g. host names with '_') hide userinfo from getRawUserInfo().
        if (uri.getRawUserInfo() != null || (rawAuthority != null && rawAuthority.indexOf('@') >= 0)) {
            return invalid(INVALID_URL, subject + " must not contain user credentials");
        }
        String rawHost = uri.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            return invalid(INVALID_URL, subject + " has no valid host");
        }
        boolean secure = normalizedScheme.equals("https");
        int port = uri.getPort() == -1 ? defaultPort(secure) : uri.getPort();
        if (port < 1 || port > 65_535) {
            return invalid(INVALID_URL, subject + " port " + uri.getPort() + " is out of range");
        }
        String host = rawHost.toLowerCase(Locale.ROOT);
        InetAddress literalAddress = null;
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            if (host.indexOf('%') >= 0) {
                return invalid(INVALID_URL, subject + " must not use a scoped IPv6 address");
            }
            try {
                // Brackets force literal parsing: InetAddress never consults DNS for them.
                literalAddress = InetAddress.getByName("[" + host + "]");
            } catch (UnknownHostException e) {
                return invalid(INVALID_URL, subject + " has a malformed IPv6 address");
            }
        } else {
            Matcher quad = DOTTED_QUAD.matcher(host);
            if (quad.matches()) {
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(quad.group(i + 1));
                    if (octet > 255) {
                        return invalid(INVALID_URL, subject + " has a malformed IPv4 address");
                    }
                    octets[i] = (byte) octet;
                }
                try {
                    literalAddress = InetAddress.getByAddress(octets);
                } catch (UnknownHostException impossibleForFourBytes) {
                    throw new IllegalStateException(impossibleForFourBytes);
                }
            }
        }
        URI normalized;
        try {
            normalized = new URI(normalizedScheme + "://" + rawAuthority
                    + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
        } catch (URISyntaxException e) {
            return invalid(INVALID_URL, subject + " is malformed");
        }
        return new TargetParseResult.Valid(new HttpTarget(normalized, secure, host, port, literalAddress));
    }

    private static int defaultPort(boolean secure) {
        return secure ? 443 : 80;
    }

    private static TargetParseResult invalid(String code, String message) {
        return new TargetParseResult.Invalid(code, message);
    }
}
