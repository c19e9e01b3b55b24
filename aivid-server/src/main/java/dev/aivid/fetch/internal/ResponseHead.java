package dev.aivid.fetch.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Status and header fields of an HTTP/1.x response.
 *
 * @param fields header values by lower-case field name, in arrival order
 */
record ResponseHead(int statusCode, Map<String, List<String>> fields) {

    ResponseHead {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("status code must be between 100 and 599, was " + statusCode);
        }
        Objects.requireNonNull(fields, "fields");
        fields = Map.copyOf(fields);
    }

    List<String> values(String name) {
        return fields.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Nullable String firstValue(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.getFirst();
    }
}
