package org.candor.notification.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import org.candor.testsupport.FreePorts;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) and two Twilio-shaped SMS gateways (WireMock) for the service
 * under test, started once per JVM and shared by every test class.
 */
public class ProvidersTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/[^/]+/Messages\\.json";

    private static GreenMail mail;
    private static WireMockServer primary;
    private static WireMockServer secondary;

    public static synchronized GreenMail mail() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            primary = gateway();
            secondary = gateway();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                mail.stop();
                primary.stop();
                secondary.stop();
            }));
        }
        return mail;
    }

    public static WireMockServer primary() {
        mail();
        return primary;
    }

    public static WireMockServer secondary() {
        mail();
        return secondary;
    }

    /** Both gateways answer 201 with a fresh sid again, as after start. */
    public static void healthyGateways() {
        resetTo(primary(), "SMp");
        resetTo(secondary(), "SMs");
    }

    private static WireMockServer gateway() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .globalTemplating(false).templatingEnabled(true));
        server.start();
        return server;
    }

    private static void resetTo(WireMockServer server, String sidPrefix) {
        server.resetMappings();
        server.stubFor(post(urlPathMatching(MESSAGES_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sidPrefix + "{{randomValue length=30 type='ALPHANUMERIC'}}\",\"status\":\"queued\"}")
                .withTransformers("response-template")));
    }

    @Override
    public Map<String, String> start() {
        GreenMail smtp = mail();
        healthyGateways();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()),
                "candor.notification.sms.primary.url", primary.baseUrl(),
                "candor.notification.sms.secondary.url", secondary.baseUrl(),
                "candor.notification.sms.status-callback-url", "http://localhost/api/receipts/sms");
    }

    @Override
    public void stop() {
        // Shared by every test class in this JVM; stopped when it exits.
    }
}
