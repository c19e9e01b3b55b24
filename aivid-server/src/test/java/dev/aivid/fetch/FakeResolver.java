package dev.aivid.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Resolves only the names it was given, counting lookups per name. */
final class FakeResolver implements HostResolver {

    private final Map<String, List<InetAddress>> answers;
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    FakeResolver(Map<String, List<InetAddress>> answers) {
        this.answers = Map.copyOf(answers);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.computeIfAbsent(host, ignored -> new AtomicInteger()).incrementAndGet();
        List<InetAddress> addresses = answers.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    int lookups(String host) {
        AtomicInteger count = lookups.get(host);
        return count == null ? 0 : count.get();
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
