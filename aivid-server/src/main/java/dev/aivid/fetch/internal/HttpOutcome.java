package dev.aivid.fetch.internal;

import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** What one GET exchange produced; I/O failures are thrown instead. */
public sealed interface HttpOutcome {

    record Success(int statusCode, byte[] body, @Nullable String contentType) implements HttpOutcome {
        public Success {
            Objects.requireNonNull(body, "body");
        }
    }

    /** @param location the raw {@code Location} header, null when the server omitted it */
    record Redirect(int statusCode, @Nullable String location) implements HttpOutcome {}

    record ErrorStatus(int statusCode) implements HttpOutcome {}

    /** @param declaredLength the {@code Content-Length} when that alone proved the body too large */
    record TooLarge(OptionalLong declaredLength) implements HttpOutcome {
        public TooLarge {
            Objects.requireNonNull(declaredLength, "declaredLength");
        }
    }
}
