package org.candor.incident.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.candor.platform.ratelimit.SharedRateLimiter;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The subscription limit behind the Ingress: keyed on the client the trusted proxy (here 127.0.0.2) names in
 * X-Forwarded-For, never on what an untrusted peer claims, and shared by every replica.
 */
@QuarkusTest
@TestProfile(ClientAddressRateLimitTest.BehindAProxy.class)
@WithTestResource(CandorTestResource.class)
class ClientAddressRateLimitTest {

    static final String PROXY = "127.0.0.2";

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.incident.subscription-requests-per-minute", "3",
                    "quarkus.http.proxy.trusted-proxies", PROXY);
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    DataSource dataSource;

    @Test
    void twoClientsBehindOneProxyAreLimitedSeparately() throws IOException {
        String first = "203.0.113." + (1 + (int) (Math.random() * 250));
        String second = "198.51.100." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 3; i++) {
            assertThat(subscribe(PROXY, first).status()).isEqualTo(202);
        }

        Answer refused = subscribe(PROXY, first);
        Answer other = subscribe(PROXY, second);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.headers().get("retry-after"))).isBetween(1L, 60L);
        assertThat(refused.body()).contains("\"status\":429");
        assertThat(other.status()).isEqualTo(202);
    }

    @Test
    void aForwardedForFromAnUntrustedPeerIsIgnored() throws IOException {
        String untrusted = "127.0.0." + (10 + (int) (Math.random() * 200));
        for (int i = 0; i < 3; i++) {
            assertThat(subscribe(untrusted, "203.0.113." + (i + 1)).status()).isEqualTo(202);
        }

        assertThat(subscribe(untrusted, "192.0.2.99").status()).isEqualTo(429);
    }

    @Test
    void twoReplicasDrawOnOneBudget() throws IOException {
        String client = "192.0.2." + (1 + (int) (Math.random() * 250));
        // Another replica of the service: its own limiter, the same database.
        SharedRateLimiter otherReplica = new SharedRateLimiter("subscriptions", 3, Duration.ofMinutes(1), dataSource,
                Clock.systemUTC());
        assertThat(subscribe(PROXY, client).status()).isEqualTo(202);
        assertThat(otherReplica.tryAcquire(client).allowed()).isTrue();
        assertThat(subscribe(PROXY, client).status()).isEqualTo(202);

        assertThat(otherReplica.tryAcquire(client).allowed()).isFalse();
        assertThat(subscribe(PROXY, client).status()).isEqualTo(429);
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Posts the subscription form over a connection from {@code from}, naming {@code forwardedFor} as the client. */
    private Answer subscribe(String from, String forwardedFor) throws IOException {
        String body = "email=" + URLEncoder.encode("limit-" + UUID.randomUUID() + "@example.org", StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", root.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /status/subscriptions HTTP/1.1\r\nHost: 127.0.0.1:" + root.getPort() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/problem+json, */*;q=0.1\r\n"
                    + "X-Forwarded-For: " + forwardedFor + "\r\nContent-Length: " + body.length() + "\r\n"
                    + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] parts = response.split("\r\n\r\n", 2);
            String[] lines = parts[0].split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, parts.length > 1 ? parts[1] : "");
        }
    }
}
