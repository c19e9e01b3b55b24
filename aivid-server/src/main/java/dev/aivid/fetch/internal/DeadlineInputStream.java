package dev.aivid.fetch.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * Re-arms the socket read timeout from the remaining budget before every read, so a server that
 * trickles bytes cannot stretch the fetch past its deadline one read timeout at a time.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final Socket socket;
    private final Deadline deadline;

    DeadlineInputStream(InputStream in, Socket socket, Deadline deadline) {
        super(in);
        this.socket = socket;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        socket.setSoTimeout(deadline.socketTimeoutMillis());
        return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        socket.setSoTimeout(deadline.socketTimeoutMillis());
        return super.read(buffer, offset, length);
    }
}
