package dev.aivid.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to the addresses the fetcher will check and then connect to. */
@FunctionalInterface
public interface HostResolver {

    /**
     * @param host a host name, lower case, never an IP literal
     * @return every address of the host; an empty list counts as unresolvable
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName(String)}). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
