package dev.aivid.fetch.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Minimal HTTP/1.1 GET over a socket connected to an address the caller has already checked.
 * Connecting to that exact address, instead of handing a host name to an HTTP library that would
 * resolve it again, is what closes the DNS-rebinding gap between check and connect.
 */
public final class PinnedHttpClient {

    public static final String USER_AGENT = "AIVid-fetch/1";

    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

    private final SSLSocketFactory tlsSocketFactory;

    public PinnedHttpClient(SSLSocketFactory tlsSocketFactory) {
        this.tlsSocketFactory = Objects.requireNonNull(tlsSocketFactory, "tlsSocketFactory");
    }

    /**
     * @param addresses checked addresses of {@code target}, tried in order until one accepts a connection
     */
    public HttpOutcome get(HttpTarget target, List<InetAddress> addresses, Deadline deadline,
            Duration connectTimeout, long maxBytes) throws IOException {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses must not be empty");
        }
        // Closing the plain socket, not the TLS layer, avoids a close_notify exchange that could block.
        try (Socket plain = connect(addresses, target.port(), deadline, connectTimeout)) {
            Socket socket = target.secure() ? startTls(plain, target, deadline) : plain;
            OutputStream out = socket.getOutputStream();
            out.write(request(target));
            out.flush();
            ResponseReader reader = new ResponseReader(
                    new BufferedInputStream(new DeadlineInputStream(socket.getInputStream(), socket, deadline)));
            ResponseHead head = reader.readHead();
            int status = head.statusCode();
            if (REDIRECT_STATUSES.contains(status)) {
                return new HttpOutcome.Redirect(status, head.firstValue("Location"));
            }
            if (status < 200 || status > 299) {
                return new HttpOutcome.ErrorStatus(status);
            }
            return switch (reader.readBody(head, maxBytes)) {
                case BodyReadResult.Complete complete ->
                        new HttpOutcome.Success(status, complete.body(), head.firstValue("Content-Type"));
                case BodyReadResult.TooLarge tooLarge -> new HttpOutcome.TooLarge(tooLarge.declaredLength());
            };
        }
    }

    private static Socket connect(List<InetAddress> addresses, int port, Deadline deadline, Duration connectTimeout)
            throws IOException {
        IOException failure = null;
        for (InetAddress address : addresses) {
            // NO_PROXY: a SOCKS proxy would resolve and reach the destination on its own terms.
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                socket.connect(new InetSocketAddress(address, port), deadline.socketTimeoutMillis(connectTimeout));
                return socket;
            } catch (IOException e) {
                socket.close();
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
                if (deadline.expired()) {
                    break;
                }
            }
        }
        throw Objects.requireNonNull(failure);
    }

    private SSLSocket startTls(Socket plain, HttpTarget target, Deadline deadline) throws IOException {
        SSLSocket socket = (SSLSocket) tlsSocketFactory.createSocket(plain, target.host(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        // Without this, JSSE checks the chain but not that the certificate belongs to the host.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (target.literalAddress() == null) {
            SNIHostName serverName = serverName(target.host());
            if (serverName != null) {
                parameters.setServerNames(List.of(serverName));
            }
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(deadline.socketTimeoutMillis());
        socket.startHandshake();
        return socket;
    }

    private static @Nullable SNIHostName serverName(String host) {
        try {
            return new SNIHostName(host);
        } catch (IllegalArgumentException notAValidSniName) {
            // e.g. a trailing dot; certificate verification against the host still applies.
            return null;
        }
    }

    private static byte[] request(HttpTarget target) {
        String request = "GET " + target.requestTarget() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: image/*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }
}
