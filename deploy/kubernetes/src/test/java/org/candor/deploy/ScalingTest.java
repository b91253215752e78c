package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.candor.deploy.CandorServices.Consumer;
import org.candor.deploy.CandorServices.ServiceNeeds;
import org.candor.deploy.crd.Keda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

class ScalingTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final List<String> SERVICES = CandorServices.all().stream().map(ServiceNeeds::name).toList();
    static final String LAG_SCALED = "notification-service";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDeploymentHasExactlyOneAutoscaler(String overlay) {
        Manifests m = Manifests.of(overlay);
        List<String> targets = new ArrayList<>();
        m.all(HorizontalPodAutoscaler.class).forEach(h -> targets.add(h.getSpec().getScaleTargetRef().getName()));
        m.all(Keda.ScaledObject.class).forEach(s -> targets.add(s.spec().scaleTargetRef().name()));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(
                m.all(Deployment.class).stream().map(d -> d.getMetadata().getName()).toList());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void horizontalPodAutoscalersScaleOnCpu(String overlay) {
        assertThat(Manifests.of(overlay).all(HorizontalPodAutoscaler.class)).isNotEmpty().allSatisfy(h -> {
            assertThat(h.getSpec().getMetrics()).anySatisfy(metric -> {
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(50, 90);
            });
            assertThat(h.getSpec().getMinReplicas()).isLessThanOrEqualTo(h.getSpec().getMaxReplicas());
        });
    }

    /**
     * notification-service scales on its fan-out backlog, a metric it exports, read from Prometheus; not on Kafka
     * lag, which stays near zero while two million deliveries wait in the database.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void notificationServiceScalesOnTheBacklogMetricItExports(String overlay) throws java.io.IOException {
        Keda.ScaledObject scaled = scaledObject(overlay);
        assertThat(scaled.spec().triggers()).extracting(Keda.Trigger::type).doesNotContain("kafka");
        Keda.Trigger backlog = scaled.spec().triggers().stream().filter(t -> t.type().equals("prometheus")).findFirst()
                .orElseThrow(() -> new AssertionError("no Prometheus trigger on " + LAG_SCALED));
        assertThat(Integer.parseInt(backlog.metadata().get("threshold"))).isPositive();
        java.util.regex.Matcher metric = java.util.regex.Pattern.compile("\\b(candor_[a-z_]+)\\b")
                .matcher(backlog.metadata().get("query"));
        assertThat(metric.find()).as("the query names a Candor metric").isTrue();
        assertThat(exportedMetrics(LAG_SCALED)).as("metrics %s exports", LAG_SCALED).contains(metric.group(1));
    }

    /**
     * The Prometheus names of the meters a service registers with a constant name (Micrometer: dots become
     * underscores, a base unit of seconds adds {@code _seconds}).
     */
    static Set<String> exportedMetrics(String service) throws java.io.IOException {
        java.util.regex.Pattern constant = java.util.regex.Pattern.compile(
                "String\\s+[A-Z_]+\\s*=\\s*\"(candor\\.[a-z0-9_.]+)\"");
        Set<String> names = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.walk(Manifests.root().resolve(service + "/src/main/java"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                java.util.regex.Matcher m = constant.matcher(java.nio.file.Files.readString(file));
                while (m.find()) {
                    String name = m.group(1).replace('.', '_');
                    names.add(name);
                    names.add(name + "_seconds");
                    names.add(name + "_total");
                }
            }
        }
        return names;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void scalingNeverAddsMoreConsumersThanTheLargestTopicHasPartitions(String overlay) {
        Keda.ScaledObject scaled = scaledObject(overlay);
        Map<String, Integer> partitions = new java.util.HashMap<>();
        Manifests.of(overlay).all(KafkaTopic.class).forEach(t -> partitions.put(t.getSpec().getTopicName(), t.getSpec().getPartitions()));
        int most = CandorServices.named(LAG_SCALED).consumers().stream()
                .mapToInt(c -> partitions.getOrDefault(c.topic(), 0)).max().orElse(0);
        assertThat(scaled.spec().maxReplicaCount()).isPositive().isLessThanOrEqualTo(most);
        assertThat(scaled.spec().minReplicaCount()).isLessThanOrEqualTo(scaled.spec().maxReplicaCount());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void inProductionAtLeastThreeReplicasSpreadOverNodesAndMoreStillSchedule(String service) {
        Deployment deployment = Manifests.of("prod").named(Deployment.class, service);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(minReplicas("prod", service)).isGreaterThanOrEqualTo(3);
        var pod = deployment.getSpec().getTemplate().getSpec();
        // A required anti-affinity would leave every replica beyond the node count Pending.
        assertThat(pod.getAffinity() == null || pod.getAffinity().getPodAntiAffinity() == null
                || pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty())
                .as("no required pod anti-affinity").isTrue();
        assertThat(pod.getTopologySpreadConstraints()).anySatisfy(spread -> {
            assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(spread.getMaxSkew()).isEqualTo(1);
            assertThat(spread.getNodeTaintsPolicy()).isEqualTo("Honor");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
        });
        assertThat(maxReplicas("prod", service)).isGreaterThanOrEqualTo(minReplicas("prod", service));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void inProductionADisruptionBudgetKeepsAMajorityUpAndStillLetsANodeDrain(String service) {
        Deployment deployment = Manifests.of("prod").named(Deployment.class, service);
        PodDisruptionBudget pdb = Manifests.of("prod").all(PodDisruptionBudget.class).stream()
                .filter(p -> deployment.getSpec().getTemplate().getMetadata().getLabels()
                        .entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError("no PodDisruptionBudget selects " + service));
        int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
        assertThat(minAvailable).isGreaterThan(minReplicas("prod", service) / 2).isLessThan(minReplicas("prod", service));
    }

    @Test
    void devRunsOneReplicaOfEachService() {
        assertThat(Manifests.of("dev").all(Deployment.class)).allSatisfy(d -> {
            assertThat(d.getSpec().getReplicas()).isEqualTo(1);
            assertThat(minReplicas("dev", d.getMetadata().getName())).isEqualTo(1);
        });
        assertThat(Manifests.of("dev").all(PodDisruptionBudget.class)).isEmpty();
    }

    static int minReplicas(String overlay, String service) {
        Manifests m = Manifests.of(overlay);
        return m.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service))
                .map(h -> h.getSpec().getMinReplicas())
                .findFirst()
                .orElseGet(() -> m.all(Keda.ScaledObject.class).stream()
                        .filter(s -> s.spec().scaleTargetRef().name().equals(service))
                        .map(s -> s.spec().minReplicaCount()).findFirst().orElseThrow());
    }

    static int maxReplicas(String overlay, String service) {
        Manifests m = Manifests.of(overlay);
        return m.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service))
                .map(h -> h.getSpec().getMaxReplicas())
                .findFirst()
                .orElseGet(() -> m.all(Keda.ScaledObject.class).stream()
                        .filter(s -> s.spec().scaleTargetRef().name().equals(service))
                        .map(s -> s.spec().maxReplicaCount()).findFirst().orElseThrow());
    }

    static Keda.ScaledObject scaledObject(String overlay) {
        return Manifests.of(overlay).all(Keda.ScaledObject.class).stream()
                .filter(s -> s.spec().scaleTargetRef().name().equals(LAG_SCALED)).findFirst()
                .orElseThrow(() -> new AssertionError("no ScaledObject for " + LAG_SCALED));
    }
}
