package dev.aivid.fetch.internal;

import dev.aivid.fetch.AddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** See {@link AddressPolicy#publicOnly()}. */
public final class PublicUnicastAddressPolicy implements AddressPolicy {

    public static final PublicUnicastAddressPolicy INSTANCE = new PublicUnicastAddressPolicy();

    private static final List<Block> DISALLOWED_IPV4 = List.of(
            Block.parse("0.0.0.0/8"),
            Block.parse("10.0.0.0/8"),
            Block.parse("100.64.0.0/10"),
            Block.parse("127.0.0.0/8"),
            Block.parse("169.254.0.0/16"),
            Block.parse("172.16.0.0/12"),
            Block.parse("192.0.0.0/24"),
            Block.parse("192.0.2.0/24"),
            Block.parse("192.168.0.0/16"),
            Block.parse("198.18.0.0/15"),
            Block.parse("198.51.100.0/24"),
            Block.parse("203.0.113.0/24"),
            Block.parse("224.0.0.0/4"),
            // Also covers the limited broadcast address 255.255.255.255.
            Block.parse("240.0.0.0/4"));

    // Everything outside 2000::/3 is loopback, unspecified, link-local, unique-local, multicast or
    // unallocated, so allow-listing global unicast is safer than enumerating what to reject.
    private static final Block IPV6_GLOBAL_UNICAST = Block.parse("2000::/3");

    private static final List<Block> DISALLOWED_IPV6_GLOBAL = List.of(
            // IETF protocol assignments: Teredo (hides the real IPv4 peer), benchmarking, ORCHID.
            Block.parse("2001::/23"),
            Block.parse("2001:db8::/32"),
            Block.parse("3fff::/20"));

    private static final Block IPV4_MAPPED = new Block(ipv4MappedPrefix(), 96);
    private static final Block IPV4_COMPATIBLE = Block.parse("::/96");
    private static final Block NAT64 = Block.parse("64:ff9b::/96");
    private static final Block SIX_TO_FOUR = Block.parse("2002::/16");

    private PublicUnicastAddressPolicy() {}

    @Override
    public boolean allows(InetAddress address) {
        byte[] bytes = address.getAddress();
        return switch (bytes.length) {
            case 4 -> allowsIpv4(bytes);
            case 16 -> allowsIpv6(bytes);
            default -> false;
        };
    }

    private static boolean allowsIpv4(byte[] address) {
        return DISALLOWED_IPV4.stream().noneMatch(block -> block.contains(address));
    }

    private static boolean allowsIpv6(byte[] address) {
        // A connection to an address embedding IPv4 reaches that IPv4 host, so judge the embedded one.
        if (IPV4_MAPPED.contains(address) || IPV4_COMPATIBLE.contains(address) || NAT64.contains(address)) {
            return allowsIpv4(Arrays.copyOfRange(address, 12, 16));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return allowsIpv4(Arrays.copyOfRange(address, 2, 6));
        }
        return IPV6_GLOBAL_UNICAST.contains(address)
                && DISALLOWED_IPV6_GLOBAL.stream().noneMatch(block -> block.contains(address));
    }

    /** Spelled out because InetAddress turns {@code ::ffff:0:0} into the IPv4 address {@code 0.0.0.0}. */
    private static byte[] ipv4MappedPrefix() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xff;
        prefix[11] = (byte) 0xff;
        return prefix;
    }

    @Override
    public String toString() {
        return "AddressPolicy.publicOnly()";
    }

    private record Block(byte[] network, int prefixLength) {

        static Block parse(String cidr) {
            int slash = cidr.indexOf('/');
            byte[] network = literalBytes(cidr.substring(0, slash));
            int prefixLength = Integer.parseInt(cidr.substring(slash + 1));
            if (prefixLength < 0 || prefixLength > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + cidr);
            }
            return new Block(network, prefixLength);
        }

        private static byte[] literalBytes(String literal) {
            try {
                return InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP literal: " + literal, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
