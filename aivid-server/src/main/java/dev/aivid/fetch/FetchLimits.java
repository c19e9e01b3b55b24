package dev.aivid.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits for one {@link SafeUrlFetcher#fetch(String)} call.
 *
 * @param maxBytes largest accepted response body, 1 byte to 1 GiB
 * @param connectTimeout budget for establishing each TCP connection, at least 1 ms
 * @param totalTimeout budget for the whole fetch including redirects, at least 1 ms
 * @param maxRedirects how many redirects may be followed, 0 to 10
 */
public record FetchLimits(long maxBytes, Duration connectTimeout, Duration totalTimeout, int maxRedirects) {

    /** Bodies are held in a single {@code byte[]}; anything near its 2 GiB ceiling is a misconfiguration. */
    public static final long MAX_SUPPORTED_BYTES = 1L << 30;

    public static final int MAX_SUPPORTED_REDIRECTS = 10;

    public FetchLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        if (maxBytes < 1 || maxBytes > MAX_SUPPORTED_BYTES) {
            throw new IllegalArgumentException(
                    "maxBytes must be between 1 and " + MAX_SUPPORTED_BYTES + ", was " + maxBytes);
        }
        requireAtLeastOneMillisecond("connectTimeout", connectTimeout);
        requireAtLeastOneMillisecond("totalTimeout", totalTimeout);
        if (maxRedirects < 0 || maxRedirects > MAX_SUPPORTED_REDIRECTS) {
            throw new IllegalArgumentException(
                    "maxRedirects must be between 0 and " + MAX_SUPPORTED_REDIRECTS + ", was " + maxRedirects);
        }
    }

    /** 20 MiB, 5 s to connect, 20 s in total, at most 3 redirects. */
    public static FetchLimits defaults() {
        return new FetchLimits(20L * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(20), 3);
    }

    private static void requireAtLeastOneMillisecond(String name, Duration duration) {
        // Socket timeouts have millisecond resolution and 0 means "wait forever" there.
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, was " + duration);
        }
    }
}
