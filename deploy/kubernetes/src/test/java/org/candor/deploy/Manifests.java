package org.candor.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.candor.deploy.crd.BarmanCloud;
import org.candor.deploy.crd.CloudNativePg;
import org.candor.deploy.crd.Keda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/** Renders an overlay with kustomize and parses every document into its typed model. */
public final class Manifests {

    /** apiVersion/kind to the typed model a rendered document must parse into. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry(CloudNativePg.API_VERSION + "/Cluster", CloudNativePg.Cluster.class),
            Map.entry(CloudNativePg.API_VERSION + "/Database", CloudNativePg.Database.class),
            Map.entry(CloudNativePg.API_VERSION + "/Pooler", CloudNativePg.Pooler.class),
            Map.entry(CloudNativePg.API_VERSION + "/ScheduledBackup", CloudNativePg.ScheduledBackup.class),
            Map.entry(BarmanCloud.API_VERSION + "/ObjectStore", BarmanCloud.ObjectStore.class),
            Map.entry(Keda.API_VERSION + "/ScaledObject", Keda.ScaledObject.class),
            Map.entry(Keda.API_VERSION + "/TriggerAuthentication", Keda.TriggerAuthentication.class));

    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private final List<Object> resources;

    private Manifests(List<Object> resources) {
        this.resources = resources;
    }

    /** The rendered and parsed overlay, rendered once per test run. */
    public static Manifests of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> parse(render(name)));
    }

    public static Path root() {
        return Path.of(System.getProperty("candor.root", "../..")).toAbsolutePath().normalize();
    }

    public static Path kubernetesDir() {
        return root().resolve("deploy/kubernetes");
    }

    /** Runs {@code kustomize build} on the overlay and returns its YAML. */
    static String render(String overlay) {
        Path binary = Path.of(System.getProperty("candor.kustomize", "kustomize"));
        binary.toFile().setExecutable(true);
        try {
            Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Path err = Files.createTempFile("kustomize-" + overlay, ".err");
            Process process = new ProcessBuilder(binary.toString(), "build",
                    kubernetesDir().resolve("overlays").resolve(overlay).toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kustomize build " + overlay + " took longer than 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kustomize build " + overlay + " failed: " + Files.readString(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses a multi-document YAML stream; throws on any document without a typed model or with an unknown field. */
    static Manifests parse(String yaml) {
        List<Object> parsed = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            for (JsonNode node : (Iterable<JsonNode>) () -> {
                try {
                    return YAML.readValues(parser, JsonNode.class);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }) {
                if (node == null || node.isEmpty()) {
                    continue;
                }
                parsed.add(typed((ObjectNode) node));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Rendered YAML does not parse", e);
        }
        return new Manifests(List.copyOf(parsed));
    }

    private static Object typed(ObjectNode node) {
        String key = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
        String name = node.path("metadata").path("name").asText();
        Class<?> model = MODELS.get(key);
        if (model == null) {
            throw new IllegalStateException(key + " " + name + " has no typed model to validate it against");
        }
        Object value;
        try {
            value = YAML.treeToValue(node, model);
        } catch (IOException e) {
            throw new IllegalStateException(key + " " + name + " does not fit its model: " + e.getMessage(), e);
        }
        List<String> unknown = unknownFields(value);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(key + " " + name + " has fields its model does not know: " + unknown);
        }
        return value;
    }

    /** Paths of fields that a lenient model kept in an additionalProperties map instead of rejecting. */
    static List<String> unknownFields(Object value) {
        List<String> found = new ArrayList<>();
        walk(value, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!(pkg.startsWith("io.fabric8") || pkg.startsWith("io.strimzi") || pkg.startsWith("org.candor"))) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.getName();
            boolean accessor = value.getClass().isRecord()
                    ? Stream.of(value.getClass().getRecordComponents()).anyMatch(c -> c.getName().equals(name))
                    : name.startsWith("get") && name.length() > 3;
            if (!accessor) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties") && child instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> found.add(path + "." + k));
            } else {
                walk(child, path + "." + name, found, seen);
            }
        }
    }

    public List<Object> all() {
        return resources;
    }

    public <T> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }
}
