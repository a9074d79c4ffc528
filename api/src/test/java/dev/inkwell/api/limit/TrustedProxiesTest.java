package dev.inkwell.api.limit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.0.2.1, fd00::/8");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(TrustedProxies.parse("").client("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("10.1.2.3");
        assertThat(TrustedProxies.none().client("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(proxies.client("198.51.100.4", List.of("203.0.113.9"))).isEqualTo("198.51.100.4");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostUntrustedAddress() {
        assertThat(proxies.client("10.0.0.5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // The client wrote 1.2.3.4 itself; our proxies appended 203.0.113.9 and then 192.0.2.1.
        assertThat(proxies.client("10.0.0.5", List.of("1.2.3.4, 203.0.113.9", "192.0.2.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aForwardedValueThatIsNoAddressEndsTheWalk() {
        assertThat(proxies.client("10.0.0.5", List.of("unknown"))).isEqualTo("10.0.0.5");
        assertThat(proxies.client("10.0.0.5", List.of("evil.example.com, 192.0.2.1"))).isEqualTo("192.0.2.1");
        assertThat(proxies.client("10.0.0.5", List.of("999.1.1.1"))).isEqualTo("10.0.0.5");
    }

    @Test
    void portsAndBracketsAreUnderstood() {
        assertThat(proxies.client("10.0.0.5", List.of("203.0.113.9:4711"))).isEqualTo("203.0.113.9");
        assertThat(proxies.client("10.0.0.5", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(proxies.client("2001:db8:1:2:aaaa::1", List.of()))
                .isEqualTo(proxies.client("2001:db8:1:2:bbbb::7", List.of()))
                .isNotEqualTo(proxies.client("2001:db8:1:3::1", List.of()));
        assertThat(proxies.client("fd12::1", List.of("2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
    }

    @Test
    void aBadEntryStopsStartup() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.example.com")).hasMessageContaining("not an IP address");
    }
}
