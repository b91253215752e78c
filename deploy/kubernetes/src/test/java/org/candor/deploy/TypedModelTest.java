package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.HasMetadata;

class TypedModelTest {

    static final java.util.List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyRenderedDocumentParsesIntoItsTypedModelWithoutUnknownFields(String overlay) {
        // Manifests.of throws on a kind without a model, a field the model rejects or one it only tolerates.
        assertThat(Manifests.of(overlay).all()).hasSizeGreaterThan(40);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyResourceLandsInTheOverlaysNamespace(String overlay) {
        String namespace = overlay.equals("prod") ? "candor" : "candor-" + overlay;
        assertThat(Manifests.of(overlay).all(HasMetadata.class))
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).as(r.getKind() + " " + r.getMetadata().getName())
                        .isEqualTo(namespace));
    }

    @Test
    void aMisspelledFieldInAKubernetesResourceIsRejected() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          readinesProbes:
                            httpGet:
                              path: /q/health/ready
                """;
        assertThatThrownBy(() -> Manifests.parse(yaml)).hasMessageContaining("readinesProbes");
    }

    @Test
    void aMisspelledFieldInAStrimziResourceIsRejected() {
        String yaml = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: typo
                spec:
                  topicName: candor.typo
                  partition: 3
                """;
        assertThatThrownBy(() -> Manifests.parse(yaml)).hasMessageContaining("partition");
    }

    @Test
    void aMisspelledFieldInACloudNativePgClusterIsRejected() {
        String yaml = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: typo
                spec:
                  instance: 3
                """;
        assertThatThrownBy(() -> Manifests.parse(yaml)).hasMessageContaining("instance");
    }

    @Test
    void aMisspelledFieldInAKedaScaledObjectIsRejected() {
        String yaml = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: typo
                spec:
                  maxReplicas: 3
                """;
        assertThatThrownBy(() -> Manifests.parse(yaml)).hasMessageContaining("maxReplicas");
    }

    @Test
    void aKindWithoutATypedModelIsRejected() {
        String yaml = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: old-api
                """;
        assertThatThrownBy(() -> Manifests.parse(yaml)).hasMessageContaining("has no typed model");
    }
}
