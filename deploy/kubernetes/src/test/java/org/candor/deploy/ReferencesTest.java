package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.candor.deploy.crd.CloudNativePg;
import org.candor.deploy.crd.Keda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.user.KafkaUser;

class ReferencesTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everySecretReferencedExistsIsMadeByAnOperatorOrIsListedAsExternal(String overlay) {
        Set<String> available = secretsAvailable(overlay);
        available.addAll(external("secrets"));
        assertThat(available).containsAll(referenced(overlay).secrets());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyConfigMapReferencedExistsOrIsListedAsExternal(String overlay) {
        Set<String> available = new TreeSet<>();
        Manifests.of(overlay).all(ConfigMap.class).forEach(c -> available.add(c.getMetadata().getName()));
        available.addAll(external("configMaps"));
        assertThat(available).containsAll(referenced(overlay).configMaps());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyListedExternalResourceIsStillReferenced(String overlay) {
        References refs = referenced(overlay);
        assertThat(refs.secrets()).containsAll(external("secrets"));
        assertThat(refs.configMaps()).containsAll(external("configMaps"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretValueIsRendered(String overlay) {
        assertThat(Manifests.of(overlay).all(Secret.class)).isEmpty();
    }

    @Test
    void noSecretManifestIsCommittedUnderDeploy() throws IOException {
        try (Stream<Path> files = Files.walk(Manifests.root().resolve("deploy"))) {
            List<Path> secrets = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.toString().contains("/target/"))
                    .filter(f -> read(f).lines().anyMatch(line -> line.trim().equals("kind: Secret")))
                    .toList();
            assertThat(secrets).isEmpty();
        }
    }

    record References(Set<String> secrets, Set<String> configMaps) {
    }

    static References referenced(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> secrets = new TreeSet<>();
        Set<String> configMaps = new TreeSet<>();
        for (Deployment deployment : m.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            pod.getVolumes().forEach(v -> {
                if (v.getSecret() != null) {
                    secrets.add(v.getSecret().getSecretName());
                }
                if (v.getConfigMap() != null) {
                    configMaps.add(v.getConfigMap().getName());
                }
            });
            for (Container c : pod.getContainers()) {
                c.getEnvFrom().forEach(e -> {
                    if (e.getSecretRef() != null) {
                        secrets.add(e.getSecretRef().getName());
                    }
                    if (e.getConfigMapRef() != null) {
                        configMaps.add(e.getConfigMapRef().getName());
                    }
                });
                c.getEnv().stream().filter(e -> e.getValueFrom() != null).forEach(e -> {
                    if (e.getValueFrom().getSecretKeyRef() != null) {
                        secrets.add(e.getValueFrom().getSecretKeyRef().getName());
                    }
                    if (e.getValueFrom().getConfigMapKeyRef() != null) {
                        configMaps.add(e.getValueFrom().getConfigMapKeyRef().getName());
                    }
                });
            }
        }
        m.all(Ingress.class).forEach(i -> i.getSpec().getTls().forEach(t -> secrets.add(t.getSecretName())));
        m.all(Keda.TriggerAuthentication.class).forEach(t -> t.spec().secretTargetRef().forEach(r -> secrets.add(r.name())));
        m.all(CloudNativePg.Cluster.class).forEach(c -> c.spec().managed().roles().forEach(r -> secrets.add(r.passwordSecret().name())));
        m.all(org.candor.deploy.crd.BarmanCloud.ObjectStore.class).forEach(o -> {
            secrets.add(o.spec().configuration().s3Credentials().accessKeyId().name());
            secrets.add(o.spec().configuration().s3Credentials().secretAccessKey().name());
        });
        return new References(secrets, configMaps);
    }

    /** Secrets in the overlay or made by an operator from a resource in the overlay. */
    static Set<String> secretsAvailable(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> secrets = new TreeSet<>();
        m.all(Secret.class).forEach(s -> secrets.add(s.getMetadata().getName()));
        // Strimzi: the cluster CA certificate per Kafka, and a certificate Secret named after each KafkaUser.
        m.all(Kafka.class).forEach(k -> secrets.add(k.getMetadata().getName() + "-cluster-ca-cert"));
        m.all(KafkaUser.class).forEach(u -> secrets.add(u.getMetadata().getName()));
        // CloudNativePG: the CA that signs the server certificate, per Cluster.
        m.all(CloudNativePg.Cluster.class).forEach(c -> secrets.add(c.metadata().getName() + "-ca"));
        return secrets;
    }

    static Set<String> external(String kind) {
        try {
            JsonNode list = new ObjectMapper(new YAMLFactory())
                    .readTree(Manifests.kubernetesDir().resolve("external-resources.yaml").toFile());
            Set<String> names = new TreeSet<>();
            list.path(kind).forEach(entry -> names.add(entry.path("name").asText()));
            return names;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
