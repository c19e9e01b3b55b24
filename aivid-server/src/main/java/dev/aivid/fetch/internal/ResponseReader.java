package dev.aivid.fetch.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one HTTP/1.x response from a stream. Every size is bounded so a hostile server can make
 * the reader fail but not make it allocate without limit.
 */
final class ResponseReader {

    static final int MAX_LINE_BYTES = 8 * 1024;
    static final int MAX_HEADER_FIELDS = 100;
    static final int MAX_INTERIM_RESPONSES = 10;

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])(?: .*)?");
    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,18}");
    private static final Pattern CHUNK_SIZE = Pattern.compile("[0-9A-Fa-f]{1,15}");
    private static final int READ_CHUNK_BYTES = 16 * 1024;
    private static final int INITIAL_BODY_CAPACITY = 16 * 1024;

    private final InputStream in;
    private final byte[] lineBuffer = new byte[MAX_LINE_BYTES];

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** Reads the status line and header fields, skipping interim 1xx responses. */
    ResponseHead readHead() throws IOException {
        for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
            int statusCode = parseStatusLine(readLine());
            Map<String, List<String>> fields = readFields();
            if (statusCode == 101) {
                throw new ProtocolException("unexpected protocol switch");
            }
            if (statusCode >= 200) {
                return new ResponseHead(statusCode, fields);
            }
        }
        throw new ProtocolException("too many interim responses");
    }

    BodyReadResult readBody(ResponseHead head, long maxBytes) throws IOException {
        if (head.statusCode() == 204 || head.statusCode() == 304) {
            return new BodyReadResult.Complete(new byte[0]);
        }
        List<String> transferCodings = listValues(head.values("Transfer-Encoding"));
        if (!transferCodings.isEmpty()) {
            if (transferCodings.equals(List.of("chunked"))) {
                return readChunked(maxBytes);
            }
            throw new ProtocolException("unsupported Transfer-Encoding " + transferCodings);
        }
        OptionalLong contentLength = contentLength(head);
        if (contentLength.isPresent()) {
            long length = contentLength.getAsLong();
            if (length > maxBytes) {
                return new BodyReadResult.TooLarge(contentLength);
            }
            BodyBuffer body = new BodyBuffer(maxBytes, length);
            body.readExactly(length);
            return new BodyReadResult.Complete(body.toByteArray());
        }
        BodyBuffer body = new BodyBuffer(maxBytes, INITIAL_BODY_CAPACITY);
        return body.readUntilEnd()
                ? new BodyReadResult.Complete(body.toByteArray())
                : new BodyReadResult.TooLarge(OptionalLong.empty());
    }

    private BodyReadResult readChunked(long maxBytes) throws IOException {
        BodyBuffer body = new BodyBuffer(maxBytes, INITIAL_BODY_CAPACITY);
        while (true) {
            long chunkSize = parseChunkSize(readLine());
            if (chunkSize == 0) {
                // Trailer fields are irrelevant and the connection is closed anyway, so stop here.
                return new BodyReadResult.Complete(body.toByteArray());
            }
            if (chunkSize > maxBytes - body.size()) {
                return new BodyReadResult.TooLarge(OptionalLong.empty());
            }
            body.readExactly(chunkSize);
            if (!readLine().isEmpty()) {
                throw new ProtocolException("chunk data not followed by CRLF");
            }
        }
    }

    private static int parseStatusLine(String line) throws ProtocolException {
        Matcher matcher = STATUS_LINE.matcher(line);
        if (!matcher.matches()) {
            throw new ProtocolException("malformed status line");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private Map<String, List<String>> readFields() throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<String> lastValues = null;
        int count = 0;
        while (true) {
            String line = readLine();
            if (line.isEmpty()) {
                return fields;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (lastValues == null) {
                    throw new ProtocolException("continuation line without a header field");
                }
                int last = lastValues.size() - 1;
                lastValues.set(last, (lastValues.get(last) + " " + stripWhitespace(line)).strip());
                continue;
            }
            if (++count > MAX_HEADER_FIELDS) {
                throw new ProtocolException("more than " + MAX_HEADER_FIELDS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
                throw new ProtocolException("malformed header field");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            lastValues = fields.computeIfAbsent(name, ignored -> new ArrayList<>());
            lastValues.add(stripWhitespace(line.substring(colon + 1)));
        }
    }

    private static OptionalLong contentLength(ResponseHead head) throws ProtocolException {
        List<String> values = listValues(head.values("Content-Length"));
        if (values.isEmpty()) {
            return OptionalLong.empty();
        }
        // Differing lengths are a classic response-smuggling vector; identical duplicates are harmless.
        if (values.stream().distinct().count() != 1 || !CONTENT_LENGTH.matcher(values.getFirst()).matches()) {
            throw new ProtocolException("invalid Content-Length");
        }
        return OptionalLong.of(Long.parseLong(values.getFirst()));
    }

    private static long parseChunkSize(String line) throws ProtocolException {
        int extension = line.indexOf(';');
        String size = stripWhitespace(extension >= 0 ? line.substring(0, extension) : line);
        if (!CHUNK_SIZE.matcher(size).matches()) {
            throw new ProtocolException("malformed chunk size");
        }
        return Long.parseLong(size, 16);
    }

    private static List<String> listValues(List<String> fieldValues) {
        List<String> elements = new ArrayList<>();
        for (String value : fieldValues) {
            Arrays.stream(value.split(","))
                    .map(ResponseReader::stripWhitespace)
                    .filter(element -> !element.isEmpty())
                    .map(element -> element.toLowerCase(Locale.ROOT))
                    .forEach(elements::add);
        }
        return elements;
    }

    private static String stripWhitespace(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isWhitespace(char character) {
        return character == ' ' || character == '\t';
    }

    /** A line without its terminator; LF alone is accepted as terminator as RFC 9112 permits. */
    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int next = in.read();
            if (next == -1) {
                throw new EOFException("connection closed before the response was complete");
            }
            if (next == '\n') {
                break;
            }
            if (length == MAX_LINE_BYTES) {
                throw new ProtocolException("response line longer than " + MAX_LINE_BYTES + " bytes");
            }
            lineBuffer[length++] = (byte) next;
        }
        if (length > 0 && lineBuffer[length - 1] == '\r') {
            length--;
        }
        return new String(lineBuffer, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Accumulates body bytes, never holding more than {@code maxBytes + 1}. */
    private final class BodyBuffer {

        private final long maxBytes;
        private byte[] data;
        private int size;

        BodyBuffer(long maxBytes, long expectedBytes) {
            this.maxBytes = maxBytes;
            this.data = new byte[(int) Math.min(Math.min(expectedBytes, maxBytes + 1), INITIAL_BODY_CAPACITY)];
        }

        int size() {
            return size;
        }

        /** Callers ensure {@code size + count <= maxBytes}. */
        void readExactly(long count) throws IOException {
            long remaining = count;
            while (remaining > 0) {
                int wanted = (int) Math.min(remaining, READ_CHUNK_BYTES);
                ensureCapacity(size + wanted);
                int read = in.read(data, size, wanted);
                if (read < 0) {
                    throw new EOFException("connection closed before the response body was complete");
                }
                size += read;
                remaining -= read;
            }
        }

        /** @return false as soon as the body exceeds {@code maxBytes} */
        boolean readUntilEnd() throws IOException {
            while (true) {
                int wanted = (int) Math.min(READ_CHUNK_BYTES, maxBytes + 1 - size);
                ensureCapacity(size + wanted);
                int read = in.read(data, size, wanted);
                if (read < 0) {
                    return true;
                }
                size += read;
                if (size > maxBytes) {
                    return false;
                }
            }
        }

        byte[] toByteArray() {
            return size == data.length ? data : Arrays.copyOf(data, size);
        }

        private void ensureCapacity(int needed) {
            if (needed > data.length) {
                long doubled = Math.max((long) data.length * 2, needed);
                data = Arrays.copyOf(data, (int) Math.min(doubled, maxBytes + 1));
            }
        }
    }
}
