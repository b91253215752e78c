package org.candor.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A stand-in for a Twilio-shaped SMS gateway: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * answers 201 with a message sid. Requests it received are listed at {@code /__admin/requests}.
 */
public final class SmsGatewayStub implements AutoCloseable {

    private final WireMockServer server;

    private SmsGatewayStub(WireMockServer server) {
        this.server = server;
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
