package org.candor.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress clients = new ClientAddress(Optional.of(List.of("10.42.0.0/16", "127.0.0.1", "fd00::/8")));

    @Test
    void aTrustedProxyNamesTheClient() {
        assertThat(clients.resolve("10.42.7.3:51234", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(clients.resolve("127.0.0.1:40000", "198.51.100.4, 10.42.7.3")).isEqualTo("198.51.100.4");
        assertThat(clients.resolve("[fd00::5]:40000", "2001:db8::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void anUntrustedPeersForwardedForIsIgnored() {
        assertThat(clients.resolve("10.43.0.1:51234", "203.0.113.9")).isEqualTo("10.43.0.1");
        assertThat(clients.resolve("127.0.0.2:40000", "203.0.113.9")).isEqualTo("127.0.0.2");
        assertThat(clients.resolve("[2001:db8::7]:40000", "203.0.113.9")).isEqualTo("2001:db8::7");
    }

    @Test
    void withoutForwardedForThePeerCounts() {
        assertThat(clients.resolve("10.42.7.3:51234", null)).isEqualTo("10.42.7.3");
    }

    @Test
    void withNoTrustedProxiesNobodyIsBelieved() {
        ClientAddress none = new ClientAddress(Optional.empty());

        assertThat(none.resolve("127.0.0.1:40000", "203.0.113.9")).isEqualTo("127.0.0.1");
    }
}
