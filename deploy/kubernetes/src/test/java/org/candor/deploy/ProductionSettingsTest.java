package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every property a service refuses to start without in production (platform's
 * {@code candor.production.required-by-all} and the service's {@code candor.production.required}) reaches
 * its container: from a Secret or ConfigMap listed in {@code external-resources.yaml} (for a ConfigMap,
 * among the keys listed there), or from a ConfigMap of the overlay.
 */
class ProductionSettingsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    private static final Pattern ENV_EXPRESSION = Pattern.compile("^\\$\\{([A-Z0-9_]+)(?::[^}]*)?}$");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPropertyAServiceNeedsInProductionIsSetByItsDeployment(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        Properties platform = load(Manifests.root().resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        List<String> missing = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String service = deployment.getMetadata().getName();
            Properties own = load(Manifests.root().resolve(service).resolve("src/main/resources/application.properties"));
            Set<String> provided = provided(manifests, deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
            for (String property : required(platform, own)) {
                Set<String> names = environmentNames(property, platform, own);
                if (names.stream().noneMatch(provided::contains)) {
                    missing.add(service + ": " + property + " (one of " + names + ")");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The environment variables the container gets, from its env and from ConfigMaps it reads whole. */
    private static Set<String> provided(Manifests manifests, Container container) {
        Set<String> names = new TreeSet<>();
        for (EnvVar env : container.getEnv()) {
            if (env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null
                    || ReferencesTest.external("secrets").contains(env.getValueFrom().getSecretKeyRef().getName())
                    || manifests.all(io.fabric8.kubernetes.api.model.Secret.class).stream()
                            .anyMatch(s -> s.getMetadata().getName().equals(env.getValueFrom().getSecretKeyRef().getName()))) {
                names.add(env.getName());
            }
        }
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() == null) {
                continue;
            }
            String name = source.getConfigMapRef().getName();
            manifests.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name))
                    .forEach(c -> names.addAll(c.getData().keySet()));
            names.addAll(externalConfigMapKeys(name));
        }
        return names;
    }

    private static Set<String> required(Properties platform, Properties own) {
        Set<String> required = new TreeSet<>();
        for (String list : new String[] {platform.getProperty("candor.production.required-by-all", ""),
                own.getProperty("candor.production.required", "")}) {
            Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(required::add);
        }
        return required;
    }

    /** MicroProfile Config's name for the property, and the variable its value expression reads, if any. */
    private static Set<String> environmentNames(String property, Properties platform, Properties own) {
        Set<String> names = new TreeSet<>();
        names.add(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        String value = own.getProperty(property, platform.getProperty(property));
        if (value != null) {
            Matcher expression = ENV_EXPRESSION.matcher(value.trim());
            if (expression.matches()) {
                names.add(expression.group(1));
            }
        }
        return names;
    }

    static Set<String> externalConfigMapKeys(String name) {
        try {
            JsonNode list = new ObjectMapper(new YAMLFactory())
                    .readTree(Manifests.kubernetesDir().resolve("external-resources.yaml").toFile());
            Set<String> keys = new TreeSet<>();
            list.path("configMaps").forEach(entry -> {
                if (entry.path("name").asText().equals(name)) {
                    entry.path("keys").forEach(key -> keys.add(key.asText()));
                }
            });
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
