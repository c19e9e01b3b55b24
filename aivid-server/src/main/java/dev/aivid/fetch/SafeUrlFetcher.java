package dev.aivid.fetch;

import static dev.aivid.fetch.FetchResult.Rejected.FETCH_FAILED;
import static dev.aivid.fetch.FetchResult.Rejected.FORBIDDEN_ADDRESS;
import static dev.aivid.fetch.FetchResult.Rejected.TIMEOUT;
import static dev.aivid.fetch.FetchResult.Rejected.TOO_LARGE;
import static dev.aivid.fetch.FetchResult.Rejected.TOO_MANY_REDIRECTS;
import static dev.aivid.fetch.FetchResult.Rejected.UNRESOLVABLE_HOST;
import static dev.aivid.fetch.FetchResult.Rejected.UPSTREAM_STATUS;

import dev.aivid.fetch.FetchResult.Fetched;
import dev.aivid.fetch.FetchResult.Rejected;
import dev.aivid.fetch.internal.Deadline;
import dev.aivid.fetch.internal.HttpOutcome;
import dev.aivid.fetch.internal.HttpTarget;
import dev.aivid.fetch.internal.PinnedHttpClient;
import dev.aivid.fetch.internal.TargetParseResult;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches a user-supplied http(s) URL without letting the user reach internal addresses.
 *
 * <p>Every hop (the URL and each redirect target) is parsed, resolved once, checked against the
 * {@link AddressPolicy}, and then connected to at exactly the checked address. Thread-safe.
 */
public final class SafeUrlFetcher {

    private final AddressPolicy policy;
    private final HostResolver resolver;
    private final FetchLimits limits;
    private final Clock clock;
    private final PinnedHttpClient client;

    public SafeUrlFetcher(AddressPolicy policy, HostResolver resolver, FetchLimits limits) {
        this(policy, resolver, limits, Clock.systemUTC());
    }

    public SafeUrlFetcher(AddressPolicy policy, HostResolver resolver, FetchLimits limits, Clock clock) {
        this(policy, resolver, limits, clock, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tlsSocketFactory decides which certificates are trusted; hostnames are always verified */
    public SafeUrlFetcher(AddressPolicy policy, HostResolver resolver, FetchLimits limits, Clock clock,
            SSLSocketFactory tlsSocketFactory) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new PinnedHttpClient(Objects.requireNonNull(tlsSocketFactory, "tlsSocketFactory"));
    }

    /** Never throws for bad input or network trouble; those come back as {@link Rejected}. */
    public FetchResult fetch(String url) {
        Objects.requireNonNull(url, "url");
        Deadline deadline = new Deadline(clock, limits.totalTimeout());
        HttpTarget target;
        switch (HttpTarget.parse(url)) {
            case TargetParseResult.Valid valid -> target = valid.target();
            case TargetParseResult.Invalid invalid -> {
                return new Rejected(invalid.code(), invalid.message());
            }
        }
        int redirectsFollowed = 0;
        while (true) {
            List<InetAddress> addresses;
            switch (checkedAddresses(target, deadline)) {
                case AddressCheck.Allowed allowed -> addresses = allowed.addresses();
                case AddressCheck.Denied denied -> {
                    return denied.rejection();
                }
            }
            HttpOutcome outcome;
            try {
                outcome = client.get(target, addresses, deadline, limits.connectTimeout(), limits.maxBytes());
            } catch (IOException e) {
                return failure(target, e, deadline);
            }
            switch (outcome) {
                case HttpOutcome.Success success -> {
                    return new Fetched(success.body(), success.contentType(), target.uri());
                }
                case HttpOutcome.ErrorStatus error -> {
                    return new Rejected(UPSTREAM_STATUS,
                            "host '" + target.host() + "' responded with HTTP status " + error.statusCode());
                }
                case HttpOutcome.TooLarge tooLarge -> {
                    String declared = tooLarge.declaredLength().isPresent()
                            ? " (Content-Length " + tooLarge.declaredLength().getAsLong() + ")"
                            : "";
                    return new Rejected(TOO_LARGE,
                            "response body exceeds the limit of " + limits.maxBytes() + " bytes" + declared);
                }
                case HttpOutcome.Redirect redirect -> {
                    if (redirect.location() == null) {
                        return new Rejected(UPSTREAM_STATUS, "host '" + target.host() + "' responded with HTTP status "
                                + redirect.statusCode() + " but no Location header");
                    }
                    if (redirectsFollowed == limits.maxRedirects()) {
                        return new Rejected(TOO_MANY_REDIRECTS,
                                "more than " + limits.maxRedirects() + " redirects; last from host '"
                                        + target.host() + "'");
                    }
                    redirectsFollowed++;
                    switch (target.redirect(redirect.location())) {
                        case TargetParseResult.Valid valid -> target = valid.target();
                        case TargetParseResult.Invalid invalid -> {
                            return new Rejected(invalid.code(), invalid.message());
                        }
                    }
                }
            }
        }
    }

    private AddressCheck checkedAddresses(HttpTarget target, Deadline deadline) {
        InetAddress literal = target.literalAddress();
        if (literal != null) {
            return policy.allows(literal)
                    ? new AddressCheck.Allowed(List.of(literal))
                    : deny(FORBIDDEN_ADDRESS, "address '" + target.host() + "' is not allowed");
        }
        List<InetAddress> addresses;
        try {
            addresses = List.copyOf(resolver.resolve(target.host()));
        } catch (UnknownHostException e) {
            return deny(UNRESOLVABLE_HOST, "host '" + target.host() + "' could not be resolved");
        }
        if (addresses.isEmpty()) {
            return deny(UNRESOLVABLE_HOST, "host '" + target.host() + "' could not be resolved");
        }
        // One bad address is enough: an attacker controls which of them a client ends up using.
        if (!addresses.stream().allMatch(policy::allows)) {
            return deny(FORBIDDEN_ADDRESS, "host '" + target.host() + "' resolves to an address that is not allowed");
        }
        if (deadline.expired()) {
            return deny(TIMEOUT, timeoutMessage(target, deadline));
        }
        return new AddressCheck.Allowed(addresses);
    }

    private static Rejected failure(HttpTarget target, IOException exception, Deadline deadline) {
        if (deadline.expired()) {
            return new Rejected(TIMEOUT, timeoutMessage(target, deadline));
        }
        String host = "host '" + target.host() + "'";
        return switch (exception) {
            case SocketTimeoutException timedOut -> new Rejected(TIMEOUT, "connection to " + host + " timed out");
            case ConnectException refused -> new Rejected(FETCH_FAILED, "connection to " + host + " was refused");
            case NoRouteToHostException unreachable -> new Rejected(FETCH_FAILED, host + " is unreachable");
            case SSLException tls -> new Rejected(FETCH_FAILED,
                    "TLS connection to " + host + " failed (untrusted or mismatched certificate, or protocol error)");
            case ProtocolException malformed -> new Rejected(FETCH_FAILED, host + " sent a malformed HTTP response");
            case EOFException truncated -> new Rejected(FETCH_FAILED,
                    host + " closed the connection before the response was complete");
            default -> new Rejected(FETCH_FAILED, "network error while fetching from " + host);
        };
    }

    private static String timeoutMessage(HttpTarget target, Deadline deadline) {
        return "fetching from host '" + target.host() + "' did not complete within " + deadline.budgetMillis() + " ms";
    }

    private static AddressCheck deny(String code, String message) {
        return new AddressCheck.Denied(new Rejected(code, message));
    }

    private sealed interface AddressCheck {
        record Allowed(List<InetAddress> addresses) implements AddressCheck {}

        record Denied(Rejected rejection) implements AddressCheck {}
    }
}
