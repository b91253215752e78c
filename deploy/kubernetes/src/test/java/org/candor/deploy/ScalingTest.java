package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.candor.deploy.CandorServices.Consumer;
import org.candor.deploy.CandorServices.ServiceNeeds;
import org.candor.deploy.crd.Keda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.PodAffinityTerm;
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

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void notificationServiceScalesOnTheLagOfEveryTopicAndGroupItConsumes(String overlay) {
        Keda.ScaledObject scaled = scaledObject(overlay);
        String bootstrap = DeploymentHardeningTest.environment(overlay, LAG_SCALED).get("KAFKA_BOOTSTRAP_SERVERS");
        // The platform's dead-letter store reads the service's own dead letters: no work to scale on.
        List<Consumer> consumers = CandorServices.named(LAG_SCALED).consumers().stream()
                .filter(consumer -> !consumer.channel().equals("candor-dead-letters")).toList();
        assertThat(consumers).isNotEmpty();
        for (Consumer consumer : consumers) {
            assertThat(scaled.spec().triggers()).as(consumer.topic()).anySatisfy(trigger -> {
                assertThat(trigger.type()).isEqualTo("kafka");
                assertThat(trigger.metadata()).containsEntry("topic", consumer.topic())
                        .containsEntry("consumerGroup", consumer.group())
                        .containsEntry("bootstrapServers", bootstrap)
                        .containsEntry("tls", "enable")
                        .containsKey("lagThreshold");
                assertThat(Manifests.of(overlay).all(Keda.TriggerAuthentication.class))
                        .extracting(t -> t.metadata().getName()).contains(trigger.authenticationRef().name());
            });
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void lagScalingNeverAddsMoreConsumersThanPartitions(String overlay) {
        Keda.ScaledObject scaled = scaledObject(overlay);
        Map<String, Integer> partitions = new java.util.HashMap<>();
        Manifests.of(overlay).all(KafkaTopic.class).forEach(t -> partitions.put(t.getSpec().getTopicName(), t.getSpec().getPartitions()));
        int most = scaled.spec().triggers().stream().filter(t -> t.type().equals("kafka"))
                .mapToInt(t -> partitions.getOrDefault(t.metadata().get("topic"), 0)).max().orElse(0);
        assertThat(scaled.spec().maxReplicaCount()).isPositive().isLessThanOrEqualTo(most);
        assertThat(scaled.spec().minReplicaCount()).isLessThanOrEqualTo(scaled.spec().maxReplicaCount());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void inProductionAtLeastThreeReplicasRunOnDifferentNodes(String service) {
        Deployment deployment = Manifests.of("prod").named(Deployment.class, service);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(minReplicas("prod", service)).isGreaterThanOrEqualTo(3);
        List<PodAffinityTerm> terms = deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(terms).anySatisfy(term -> {
            assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(term.getLabelSelector().getMatchLabels());
        });
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

    static Keda.ScaledObject scaledObject(String overlay) {
        return Manifests.of(overlay).all(Keda.ScaledObject.class).stream()
                .filter(s -> s.spec().scaleTargetRef().name().equals(LAG_SCALED)).findFirst()
                .orElseThrow(() -> new AssertionError("no ScaledObject for " + LAG_SCALED));
    }
}
