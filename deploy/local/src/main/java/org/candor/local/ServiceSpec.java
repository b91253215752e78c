package org.candor.local;

import java.util.List;

/**
 * One Candor service as the local run starts it.
 *
 * @param name the module and process name, e.g. {@code incident-service}
 * @param shortName the name used for its database and role, e.g. {@code incident}
 * @param defaultPort its HTTP port in a local run
 * @param defaultManagementPort its management interface's port (health, metrics, OpenAPI) in a local run
 */
public record ServiceSpec(String name, String shortName, int defaultPort, int defaultManagementPort) {

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("incident-service", "incident", 8081, 9081),
            new ServiceSpec("notification-service", "notification", 8082, 9082),
            new ServiceSpec("support-service", "support", 8083, 9083),
            new ServiceSpec("compliance-service", "compliance", 8084, 9084),
            new ServiceSpec("feedback-service", "feedback", 8085, 9085));

    public static ServiceSpec named(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name) || spec.shortName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    public String database() {
        return "candor_" + shortName;
    }
}
