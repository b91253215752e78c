package org.candor.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The real client's address where Quarkus's own forwarding does not reach (a WebSocket's handshake reports its
 * direct peer): {@code X-Forwarded-For} counts only when the peer is one of
 * {@code quarkus.http.proxy.trusted-proxies} (addresses or CIDR ranges), the same rule the HTTP endpoints follow.
 */
@ApplicationScoped
public class ClientAddress {

    private record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> trusted;

    ClientAddress(@ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.trusted = trustedProxies.orElse(List.of()).stream().map(String::strip).filter(entry -> !entry.isEmpty())
                .map(ClientAddress::range).toList();
    }

    /**
     * @param peer the connection's peer, {@code host}, {@code host:port} or {@code [v6]:port}
     * @param forwardedFor the request's {@code X-Forwarded-For}, or null
     * @return the first address in {@code forwardedFor} if the peer is a trusted proxy, else the peer's address
     */
    public String resolve(String peer, String forwardedFor) {
        String host = host(peer);
        if (host == null) {
            return "unknown";
        }
        if (forwardedFor != null && !forwardedFor.isBlank() && trusted(host)) {
            return forwardedFor.split(",")[0].strip();
        }
        return host;
    }

    private boolean trusted(String host) {
        byte[] address = literal(host);
        return address != null && trusted.stream().anyMatch(range -> range.contains(address));
    }

    static String host(String peer) {
        if (peer == null || peer.isBlank()) {
            return null;
        }
        if (peer.startsWith("[")) {
            int end = peer.indexOf(']');
            return end > 0 ? peer.substring(1, end) : peer;
        }
        int colon = peer.indexOf(':');
        return colon > 0 && colon == peer.lastIndexOf(':') ? peer.substring(0, colon) : peer;
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + entry);
        }
        return new Range(network, slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1)));
    }

    /** The bytes of an IP literal, never a DNS lookup; null for anything else. */
    private static byte[] literal(String host) {
        if (!host.matches("[0-9a-fA-F.:]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
