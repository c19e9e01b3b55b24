package dev.aivid.fetch.internal;

import java.util.Objects;

/** Outcome of turning user input or a redirect {@code Location} into an {@link HttpTarget}. */
public sealed interface TargetParseResult {

    record Valid(HttpTarget target) implements TargetParseResult {
        public Valid {
            Objects.requireNonNull(target, "target");
        }
    }

    /** @param code one of the {@link dev.aivid.fetch.FetchResult.Rejected} code constants */
    record Invalid(String code, String message) implements TargetParseResult {
        public Invalid {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
