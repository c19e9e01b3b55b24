package dev.aivid.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class PublicOnlyAddressPolicyPropertyTest {

    private final AddressPolicy policy = AddressPolicy.publicOnly();

    @Property(tries = 2000)
    void embeddingsOfAnIpv4AddressAreJudgedLikeTheAddressItself(@ForAll @Size(4) byte[] ipv4)
            throws UnknownHostException {
        boolean expected = policy.allows(InetAddress.getByAddress(ipv4));

        InetAddress mapped = withPrefix(ipv4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff);
        InetAddress compatible = withPrefix(ipv4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        InetAddress nat64 = withPrefix(ipv4, 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0);

        assertThat(policy.allows(mapped)).as("IPv4-mapped").isEqualTo(expected);
        assertThat(policy.allows(compatible)).as("IPv4-compatible").isEqualTo(expected);
        assertThat(policy.allows(nat64)).as("NAT64").isEqualTo(expected);
    }

    @Property(tries = 2000)
    void neverAllowsIpv6OutsideGlobalUnicastUnlessItEmbedsIpv4(@ForAll @Size(16) byte[] ipv6)
            throws UnknownHostException {
        boolean globalUnicast = (ipv6[0] & 0xE0) == 0x20;
        boolean embedsIpv4 = isZero(ipv6, 0, 10)
                || (ipv6[0] == 0 && ipv6[1] == 0x64 && (ipv6[2] & 0xFF) == 0xff && (ipv6[3] & 0xFF) == 0x9b);

        if (!globalUnicast && !embedsIpv4) {
            assertThat(policy.allows(Inet6Address.getByAddress(null, ipv6, -1))).isFalse();
        }
    }

    private static InetAddress withPrefix(byte[] ipv4, int... first12Bytes) throws UnknownHostException {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 12; i++) {
            bytes[i] = (byte) first12Bytes[i];
        }
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
