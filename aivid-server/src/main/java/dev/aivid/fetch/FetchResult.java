package dev.aivid.fetch;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Outcome of {@link SafeUrlFetcher#fetch(String)}. */
public sealed interface FetchResult {

    /**
     * A 2xx response body.
     *
     * @param body the complete body; copied on the way in and out so the result stays immutable
     * @param contentType the {@code Content-Type} header as sent, or null when absent
     * @param finalUri the URI that produced the body, after redirects
     */
    record Fetched(byte[] body, @Nullable String contentType, URI finalUri) implements FetchResult {

        public Fetched {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(finalUri, "finalUri");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public int bodyLength() {
            return body.length;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Fetched that
                    && Arrays.equals(body, that.body)
                    && Objects.equals(contentType, that.contentType)
                    && finalUri.equals(that.finalUri);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(body), contentType, finalUri);
        }

        @Override
        public String toString() {
            return "Fetched[bodyLength=" + body.length + ", contentType=" + contentType + ", finalUri=" + finalUri + "]";
        }
    }

    /**
     * The URL was refused or could not be fetched.
     *
     * @param code stable machine-readable reason, one of the constants below
     * @param message human-readable explanation, safe to show to the user who supplied the URL
     */
    record Rejected(String code, String message) implements FetchResult {

        public static final String INVALID_URL = "invalid_url";
        public static final String UNSUPPORTED_URL_SCHEME = "unsupported_url_scheme";
        public static final String UNRESOLVABLE_HOST = "unresolvable_host";
        public static final String FORBIDDEN_ADDRESS = "forbidden_address";
        public static final String TOO_MANY_REDIRECTS = "too_many_redirects";
        public static final String UPSTREAM_STATUS = "upstream_status";
        public static final String TOO_LARGE = "too_large";
        public static final String TIMEOUT = "timeout";
        public static final String FETCH_FAILED = "fetch_failed";

        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            if (code.isBlank()) {
                throw new IllegalArgumentException("code must not be blank");
            }
            if (message.isBlank()) {
                throw new IllegalArgumentException("message must not be blank");
            }
        }
    }
}
