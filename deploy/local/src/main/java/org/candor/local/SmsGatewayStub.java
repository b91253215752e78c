package org.candor.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A stand-in for a Twilio-shaped SMS gateway: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * answers 201 with a message sid. Requests it received are listed at {@code /__admin/requests} (the
 * last 10,000) and every accepted message is counted by its recipient ({@link #acceptedByRecipient()}).
 */
public final class SmsGatewayStub implements AutoCloseable {

    private final WireMockServer server;
    private final Map<String, Integer> accepted = new ConcurrentHashMap<>();

    private SmsGatewayStub(WireMockServer server) {
        this.server = server;
        server.addMockServiceRequestListener((request, response) -> {
            if (response.getStatus() == 201) {
                String to = formField(request.getBodyAsString(), "To");
                if (to != null) {
                    accepted.merge(to, 1, Integer::sum);
                }
            }
        });
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** How many messages this gateway accepted for each phone number, since it started. */
    public Map<String, Integer> acceptedByRecipient() {
        return Map.copyOf(accepted);
    }

    /** The texts of the messages this gateway was asked to send to {@code phone}, in arrival order. */
    public List<String> textsTo(String phone) {
        // WireMock lists the newest first.
        List<String> texts = new java.util.ArrayList<>(server.getAllServeEvents().stream()
                .map(event -> event.getRequest().getBodyAsString())
                .filter(body -> phone.equals(formField(body, "To"))).map(body -> formField(body, "Body")).toList());
        java.util.Collections.reverse(texts);
        return texts;
    }

    public static SmsGatewayStub start(int port) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(port)
                .maxRequestJournalEntries(10_000));
        server.start();
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")
                        .withTransformers("response-template")));
        return new SmsGatewayStub(server);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
