package dev.aivid.fetch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseReaderTest {

    @Test
    void parsesStatusAndFieldsCaseInsensitively() throws IOException {
        ResponseHead head = reader("HTTP/1.1 200 OK\r\nContent-Type:  image/png \r\nX-A: 1\r\nx-a: 2\r\n\r\n").readHead();

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.firstValue("content-type")).isEqualTo("image/png");
        assertThat(head.values("X-A")).containsExactly("1", "2");
        assertThat(head.firstValue("Location")).isNull();
    }

    @Test
    void acceptsBareLineFeedsAndStatusLinesWithoutReason() throws IOException {
        ResponseReader reader = reader("HTTP/1.0 404\nContent-Length: 0\n\n");

        assertThat(reader.readHead().statusCode()).isEqualTo(404);
    }

    @Test
    void skipsInterimResponses() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        ResponseHead head = reader.readHead();

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.values("Link")).isEmpty();
        assertThat(body(reader.readBody(head, 10))).isEqualTo("ok");
    }

    @Test
    void readsChunksWithExtensionsAndIgnoresTrailers() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "4;name=value\r\nWiki\r\n5 \r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n");

        ResponseHead head = reader.readHead();

        assertThat(body(reader.readBody(head, 100))).isEqualTo("Wikipedia in\r\n\r\nchunks.");
    }

    @Test
    void refusesAChunkThatWouldCrossTheLimitBeforeReadingIt() throws IOException {
        // Only the chunk header is present: reading the data would hit EOF, so TooLarge proves it was not read.
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n7\r\n");

        ResponseHead head = reader.readHead();

        assertThat(reader.readBody(head, 10)).isEqualTo(new BodyReadResult.TooLarge(OptionalLong.empty()));
    }

    @Test
    void acceptsAChunkedBodyOfExactlyTheLimit() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n6\r\nefghij\r\n0\r\n\r\n");

        assertThat(body(reader.readBody(reader.readHead(), 10))).isEqualTo("abcdefghij");
    }

    @Test
    void refusesADeclaredLengthAboveTheLimitWithoutReading() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n");

        assertThat(reader.readBody(reader.readHead(), 10)).isEqualTo(new BodyReadResult.TooLarge(OptionalLong.of(11)));
    }

    @Test
    void readsUntilEndOfStreamAndStopsOneByteAfterTheLimit() throws IOException {
        CountingInputStream in = new CountingInputStream("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(100_000));
        ResponseReader reader = new ResponseReader(in);

        BodyReadResult result = reader.readBody(reader.readHead(), 10);

        assertThat(result).isEqualTo(new BodyReadResult.TooLarge(OptionalLong.empty()));
        assertThat(in.bytesRead).isEqualTo("HTTP/1.1 200 OK\r\n\r\n".length() + 11);
    }

    @Test
    void acceptsIdenticalDuplicateContentLengths() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc");

        assertThat(body(reader.readBody(reader.readHead(), 10))).isEqualTo("abc");
    }

    @Test
    void treatsNoContentAsEmpty() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(body(reader.readBody(reader.readHead(), 10))).isEmpty();
    }

    @Test
    void failsOnATruncatedBody() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc");
        ResponseHead head = reader.readHead();

        assertThatThrownBy(() -> reader.readBody(head, 10)).isInstanceOf(EOFException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n"
    })
    void rejectsMalformedBodyFraming(String response) throws IOException {
        ResponseReader reader = reader(response);
        ResponseHead head = reader.readHead();

        assertThatThrownBy(() -> reader.readBody(head, 1000)).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 099 Odd\r\n\r\n",
        "HTTP/2.0 200 OK\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 200 OK\r\nNo-Colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: empty-name\r\n\r\n",
        "HTTP/1.1 200 OK\r\nName : space-before-colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\n continuation-first\r\n\r\n"
    })
    void rejectsMalformedHeads(String response) {
        assertThatThrownBy(() -> reader(response).readHead()).isInstanceOf(ProtocolException.class);
    }

    @Test
    void boundsLineLengthHeaderCountAndInterimResponses() {
        String longLine = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(ResponseReader.MAX_LINE_BYTES) + "\r\n\r\n";
        String manyFields = "HTTP/1.1 200 OK\r\n" + "X: 1\r\n".repeat(ResponseReader.MAX_HEADER_FIELDS + 1) + "\r\n";
        String manyInterim = "HTTP/1.1 100 Continue\r\n\r\n".repeat(ResponseReader.MAX_INTERIM_RESPONSES + 1)
                + "HTTP/1.1 200 OK\r\n\r\n";

        assertThatThrownBy(() -> reader(longLine).readHead()).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> reader(manyFields).readHead()).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> reader(manyInterim).readHead()).isInstanceOf(ProtocolException.class);
    }

    @Test
    void failsOnAnEmptyResponse() {
        assertThatThrownBy(() -> reader("").readHead()).isInstanceOf(EOFException.class);
    }

    private static ResponseReader reader(String response) {
        return new ResponseReader(new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String body(BodyReadResult result) {
        assertThat(result).isInstanceOf(BodyReadResult.Complete.class);
        return new String(((BodyReadResult.Complete) result).body(), StandardCharsets.ISO_8859_1);
    }

    private static final class CountingInputStream extends InputStream {

        private final InputStream in;
        private long bytesRead;

        CountingInputStream(String content) {
            this.in = new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public int read() throws IOException {
            int next = in.read();
            if (next >= 0) {
                bytesRead++;
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                bytesRead += read;
            }
            return read;
        }
    }
}
