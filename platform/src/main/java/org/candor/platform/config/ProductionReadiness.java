package org.candor.platform.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a service outside the dev and test profiles while a property it needs in production
 * is unset or still a demo default: the organisation's identity, sender addresses, public URLs, signing
 * secrets, the token issuer and audience. One error names every such property at once (never its
 * value), so an operator fixes them in one go.
 *
 * <p>What is checked is configuration, not code: {@code candor.production.required-by-all} (platform: the
 * token issuer and audience) plus each service's {@code candor.production.required}. A value is a demo
 * value when it equals one of {@code candor.production.demo-values} (the defaults the code ships with)
 * or contains one of {@code candor.production.demo-markers} ({@code example.org}, {@code not-for-production},
 * ...). {@code candor.production.enforce} is false in dev and test and true in every other profile.
 */
@ApplicationScoped
public class ProductionReadiness {

    /** Whether the check runs. */
    public static final String ENFORCE = "candor.production.enforce";
    /** The properties every service needs in production. */
    public static final String REQUIRED_BY_ALL = "candor.production.required-by-all";
    /** The properties this service needs in production, besides those every service needs. */
    public static final String REQUIRED = "candor.production.required";
    /** Values that are demo defaults wherever they appear. */
    public static final String DEMO_VALUES = "candor.production.demo-values";
    /** The default of a property the deployment must set (see microprofile-config.properties). */
    static final String UNSET = "<unset>";

    /** Parts of a value that make it a demo value (reserved example domains, dev-only secrets). */
    public static final String DEMO_MARKERS = "candor.production.demo-markers";

    /** One property production cannot start with, and why. */
    public record Finding(String property, String reason) {

        @Override
        public String toString() {
            return property + " (env " + environmentName(property) + ") " + reason;
        }
    }

    /** Thrown at startup: the service does not start. */
    public static final class NotReadyForProduction extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final transient List<Finding> findings;

        NotReadyForProduction(String service, List<Finding> findings) {
            super(message(service, findings));
            this.findings = List.copyOf(findings);
        }

        public List<Finding> findings() {
            return findings;
        }

        private static String message(String service, List<Finding> findings) {
            StringBuilder message = new StringBuilder(service + " refuses to start in production: " + findings.size()
                    + (findings.size() == 1 ? " property is" : " properties are") + " unset or still a demo value:");
            findings.forEach(finding -> message.append("\n  - ").append(finding));
            return message.toString();
        }
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        check(ConfigProvider.getConfig());
    }

    /** Throws {@link NotReadyForProduction} when the check is enforced and finds anything. */
    public static void check(Config config) {
        if (!config.getOptionalValue(ENFORCE, Boolean.class).orElse(true)) {
            return;
        }
        List<Finding> findings = findings(config);
        if (!findings.isEmpty()) {
            throw new NotReadyForProduction(config.getOptionalValue("quarkus.application.name", String.class)
                    .orElse("The service"), findings);
        }
    }

    /** Every required property that is unset or a demo value, in the order they are listed. */
    public static List<Finding> findings(Config config) {
        Set<String> required = new LinkedHashSet<>(list(config, REQUIRED_BY_ALL));
        required.addAll(list(config, REQUIRED));
        List<String> demoValues = list(config, DEMO_VALUES).stream().map(ProductionReadiness::normalise).toList();
        List<String> demoMarkers = list(config, DEMO_MARKERS).stream().map(ProductionReadiness::normalise).toList();
        List<Finding> findings = new ArrayList<>();
        for (String property : required) {
            Optional<String> value;
            try {
                value = config.getOptionalValue(property, String.class).filter(found -> !found.isBlank());
            } catch (java.util.NoSuchElementException | IllegalArgumentException unexpandable) {
                // ${SOME_ENV} without a default and without the variable.
                value = Optional.empty();
            }
            // "<unset>" is the default of a setting that must come from the deployment: Quarkus would refuse an
            // empty value with its own message before this check could name every missing one.
            if (value.isEmpty() || UNSET.equals(value.get())) {
                findings.add(new Finding(property, "is not set"));
                continue;
            }
            String normalised = normalise(value.get());
            if (demoValues.contains(normalised) || demoMarkers.stream().anyMatch(normalised::contains)) {
                findings.add(new Finding(property, "is still a demo value"));
            }
        }
        return findings;
    }

    /** The environment variable that sets {@code property} (MicroProfile Config's mapping). */
    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static List<String> list(Config config, String name) {
        return config.getOptionalValues(name, String.class).orElse(List.of()).stream().map(String::trim)
                .filter(item -> !item.isEmpty()).toList();
    }

    private static String normalise(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
