package dev.aivid.fetch;

import static dev.aivid.fetch.FakeResolver.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicOnlyAddressPolicyTest {

    private final AddressPolicy policy = AddressPolicy.publicOnly();

    @ParameterizedTest
    @ValueSource(strings = {
        "8.8.8.8",
        "1.1.1.1",
        "93.184.215.14",
        "223.255.255.255",
        "1.0.0.0",
        "9.255.255.255",
        "11.0.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "126.255.255.255",
        "128.0.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.0.1.255",
        "192.0.3.0",
        "192.167.255.255",
        "192.169.0.0",
        "198.17.255.255",
        "198.20.0.0",
        "198.51.99.255",
        "203.0.112.255",
        "2606:4700:4700::1111",
        "2001:4860:4860::8888",
        "2a00:1450:4001:82b::200e",
        "64:ff9b::808:808",
        "::8.8.8.8",
        "2002:808:808::1"
    })
    void allowsPublicUnicastAddresses(String literal) {
        assertThat(policy.allows(address(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0,           any-local / 0.0.0.0/8",
        "0.255.255.255,     0.0.0.0/8",
        "10.0.0.1,          private 10/8",
        "10.255.255.255,    private 10/8",
        "100.64.0.1,        CGNAT 100.64/10",
        "100.127.255.255,   CGNAT 100.64/10",
        "127.0.0.1,         loopback",
        "127.255.255.254,   loopback",
        "169.254.169.254,   link-local (cloud metadata)",
        "169.254.0.1,       link-local",
        "172.16.0.1,        private 172.16/12",
        "172.31.255.255,    private 172.16/12",
        "192.0.0.1,         IETF protocol assignments 192.0.0/24",
        "192.0.2.1,         documentation TEST-NET-1",
        "192.168.1.1,       private 192.168/16",
        "198.18.0.1,        benchmarking 198.18/15",
        "198.19.255.255,    benchmarking 198.18/15",
        "198.51.100.7,      documentation TEST-NET-2",
        "203.0.113.9,       documentation TEST-NET-3",
        "224.0.0.1,         multicast",
        "239.255.255.250,   multicast",
        "240.0.0.1,         reserved 240/4",
        "255.255.255.255,   broadcast",
        "::,                IPv6 any-local",
        "::1,               IPv6 loopback",
        "fe80::1,           IPv6 link-local",
        "febf:ffff::1,      IPv6 link-local",
        "fec0::1,           IPv6 deprecated site-local",
        "fc00::1,           IPv6 unique-local",
        "fd12:3456:789a::1, IPv6 unique-local",
        "ff02::1,           IPv6 multicast",
        "2001:db8::1,       IPv6 documentation",
        "3fff::1,           IPv6 documentation (RFC 9637)",
        "2001::1,           Teredo",
        "2001:2::1,         IPv6 benchmarking",
        "100::1,            IPv6 discard-only",
        "::ffff:127.0.0.1,  IPv4-mapped loopback",
        "::ffff:10.0.0.1,   IPv4-mapped private",
        "::127.0.0.1,       IPv4-compatible loopback",
        "::10.0.0.1,        IPv4-compatible private",
        "64:ff9b::a00:1,    NAT64 of 10.0.0.1",
        "64:ff9b::7f00:1,   NAT64 of 127.0.0.1",
        "64:ff9b::a9fe:a9fe, NAT64 of 169.254.169.254",
        "64:ff9b:1::a00:1,  local-use NAT64",
        "2002:7f00:1::1,    6to4 of 127.0.0.1",
        "2002:a00:1::1,     6to4 of 10.0.0.1"
    })
    void rejectsNonPublicAddresses(String literal, String range) {
        assertThat(policy.allows(address(literal))).as(literal + " (" + range + ")").isFalse();
    }

    @Test
    void judgesIpv4MappedAddressesKeptInIpv6FormByTheirEmbeddedAddress() throws UnknownHostException {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver might not.
        Inet6Address mappedLoopback = mapped(127, 0, 0, 1);
        Inet6Address mappedPublic = mapped(8, 8, 8, 8);

        assertThat(policy.allows(mappedLoopback)).isFalse();
        assertThat(policy.allows(mappedPublic)).isTrue();
    }

    private static Inet6Address mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        Inet6Address address = Inet6Address.getByAddress(null, bytes, -1);
        assertThat((InetAddress) address).isInstanceOf(Inet6Address.class);
        return address;
    }
}
