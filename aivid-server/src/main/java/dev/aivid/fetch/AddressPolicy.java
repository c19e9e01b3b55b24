package dev.aivid.fetch;

import dev.aivid.fetch.internal.PublicUnicastAddressPolicy;
import java.net.InetAddress;

/** Decides whether the fetcher may open a connection to an address. */
@FunctionalInterface
public interface AddressPolicy {

    boolean allows(InetAddress address);

    /**
     * Public unicast only. Rejects loopback, any-local ({@code 0.0.0.0}, {@code ::}), link-local
     * ({@code 169.254/16}, {@code fe80::/10}), private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}),
     * CGNAT {@code 100.64/10}, {@code 192.0.0/24}, benchmarking {@code 198.18/15}, multicast, broadcast,
     * {@code 0/8}, reserved {@code 240/4}, IPv6 unique-local {@code fc00::/7}, documentation ranges
     * ({@code 192.0.2/24}, {@code 198.51.100/24}, {@code 203.0.113/24}, {@code 2001:db8::/32},
     * {@code 3fff::/20}), every IPv6 address outside global unicast {@code 2000::/3}, the IETF protocol
     * block {@code 2001::/23} (Teredo, benchmarking, ORCHID), and IPv4-mapped, IPv4-compatible, NAT64
     * ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16}) addresses whose embedded IPv4 address is rejected.
     */
    static AddressPolicy publicOnly() {
        return PublicUnicastAddressPolicy.INSTANCE;
    }
}
