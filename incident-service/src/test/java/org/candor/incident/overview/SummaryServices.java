package org.candor.incident.overview;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.HashMap;
import java.util.Map;

import org.candor.testsupport.FreePorts;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the four services the overview asks: one real HTTP server each, on a fixed port so that a
 * test can stop one (the service is down) and start it again.
 */
public class SummaryServices implements QuarkusTestResourceLifecycleManager {

    static final Map<String, WireMockServer> SERVERS = new HashMap<>();

    static WireMockServer of(String service) {
        return SERVERS.get(service);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] { "notification", "support", "compliance", "feedback" }) {
            WireMockServer server = new WireMockServer(options().port(FreePorts.next()));
            server.start();
            SERVERS.put(service, server);
            config.put("quarkus.rest-client." + service + ".url", "http://localhost:" + server.port());
        }
        return config;
    }

    @Override
    public void stop() {
        SERVERS.values().forEach(WireMockServer::stop);
        SERVERS.clear();
    }
}
