package dev.aivid.fetch.internal;

import java.util.Objects;
import java.util.OptionalLong;

sealed interface BodyReadResult {

    record Complete(byte[] body) implements BodyReadResult {
        public Complete {
            Objects.requireNonNull(body, "body");
        }
    }

    /** @param declaredLength the {@code Content-Length} when that alone proved the body too large */
    record TooLarge(OptionalLong declaredLength) implements BodyReadResult {
        public TooLarge {
            Objects.requireNonNull(declaredLength, "declaredLength");
        }
    }
}
