package dev.aivid.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A TCP server on 127.0.0.1 that answers every request with fixed bytes, or never answers, for
 * responses the JDK HttpServer cannot be made to produce.
 */
final class RawHttpServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final byte @Nullable [] response;
    private final Thread acceptor;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch requestReceived = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();

    private RawHttpServer(byte @Nullable [] response) throws IOException {
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
        this.response = response;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    static RawHttpServer respondingWith(String response) throws IOException {
        return new RawHttpServer(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    static RawHttpServer silent() throws IOException {
        return new RawHttpServer(null);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    boolean awaitRequest(long timeout, TimeUnit unit) throws InterruptedException {
        return requestReceived.await(timeout, unit);
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            readRequestHead(socket.getInputStream());
            requestReceived.countDown();
            if (response == null) {
                release.await();
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(response);
            out.flush();
        } catch (IOException | InterruptedException ignored) {
            // The client went away; nothing to clean up beyond closing the socket.
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] terminator = {'\r', '\n', '\r', '\n'};
        while (matched < terminator.length) {
            int next = in.read();
            if (next == -1) {
                throw new IOException("request ended early");
            }
            matched = next == terminator[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        serverSocket.close();
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
