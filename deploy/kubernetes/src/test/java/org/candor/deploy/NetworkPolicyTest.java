package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.candor.deploy.CandorServices.ServiceNeeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;

/**
 * Evaluates the rendered NetworkPolicies (and the Kafka listener's peers, which Strimzi turns into a policy) for
 * concrete pods, and compares what they allow with what the services' configuration says they use.
 */
class NetworkPolicyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final int KAFKA_CONTROL_PORT = 9090;
    static final int KAFKA_REPLICATION_PORT = 9091;
    static final int POSTGRES_PORT = 5432;

    /** A pod: where it runs and its labels. */
    record Pod(String namespace, Map<String, String> labels) {
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everythingIsDeniedUnlessAllowed(String overlay) {
        assertThat(Manifests.of(overlay).all(NetworkPolicy.class)).anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            assertThat(p.getSpec().getEgress()).isNullOrEmpty();
        });
        Pod stranger = new Pod(namespace(overlay), Map.of("app", "debug"));
        for (ServiceNeeds service : CandorServices.all()) {
            assertThat(allowed(overlay, stranger, servicePod(overlay, service.name()), service.port())).isFalse();
            assertThat(allowed(overlay, servicePod(overlay, service.name()), stranger, 8080)).isFalse();
        }
        assertThat(allowed(overlay, stranger, kafkaBroker(overlay), kafkaPort(overlay))).isFalse();
        assertThat(allowed(overlay, stranger, postgres(overlay), POSTGRES_PORT)).isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesCallEachOtherExactlyWhereTheirConfigurationHasARestClient(String overlay) {
        for (ServiceNeeds caller : CandorServices.all()) {
            for (ServiceNeeds callee : CandorServices.all()) {
                if (caller != callee) {
                    assertThat(allowed(overlay, servicePod(overlay, caller.name()), servicePod(overlay, callee.name()), callee.port()))
                            .as("%s -> %s", caller.name(), callee.name())
                            .isEqualTo(caller.callsPorts().contains(callee.port()));
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesReachTheKafkaClientListenerExactlyWhenTheyUseKafkaAndNothingElseOfKafka(String overlay) {
        for (ServiceNeeds service : CandorServices.all()) {
            Pod pod = servicePod(overlay, service.name());
            assertThat(allowed(overlay, pod, kafkaBroker(overlay), kafkaPort(overlay))).as(service.name())
                    .isEqualTo(service.usesKafka());
            assertThat(allowed(overlay, pod, kafkaBroker(overlay), KAFKA_CONTROL_PORT)).isFalse();
            assertThat(allowed(overlay, pod, kafkaBroker(overlay), KAFKA_REPLICATION_PORT)).isFalse();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesReachPostgresOnlyThroughTheirOwnPooler(String overlay) {
        for (ServiceNeeds service : CandorServices.all()) {
            assertThat(allowed(overlay, servicePod(overlay, service.name()), postgres(overlay), POSTGRES_PORT))
                    .as(service.name() + " directly").isFalse();
            for (ServiceNeeds other : CandorServices.all()) {
                if (other.database() == null) {
                    continue;
                }
                assertThat(allowed(overlay, servicePod(overlay, service.name()), pooler(overlay, other), POSTGRES_PORT))
                        .as(service.name() + " to the pooler of " + other.name())
                        .isEqualTo(service.name().equals(other.name()) && service.database() != null);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void poolersReachPostgresAndNothingElseReachesThem(String overlay) {
        Pod stranger = new Pod(namespace(overlay), Map.of("app", "debug"));
        for (ServiceNeeds service : CandorServices.all()) {
            if (service.database() == null) {
                continue;
            }
            assertThat(allowed(overlay, pooler(overlay, service), postgres(overlay), POSTGRES_PORT)).as(service.name()).isTrue();
            assertThat(allowed(overlay, stranger, pooler(overlay, service), POSTGRES_PORT)).as(service.name()).isFalse();
        }
        assertThat(allowed(overlay, stranger, postgres(overlay), POSTGRES_PORT)).isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theIngressControllerReachesExactlyTheServicesBehindAnIngress(String overlay) {
        Set<String> exposed = new TreeSet<>();
        Manifests.of(overlay).all(Ingress.class).forEach(i -> i.getSpec().getRules().forEach(r -> r.getHttp().getPaths()
                .forEach(p -> exposed.add(p.getBackend().getService().getName()))));
        Pod controller = new Pod("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        for (ServiceNeeds service : CandorServices.all()) {
            assertThat(allowed(overlay, controller, servicePod(overlay, service.name()), service.port())).as(service.name())
                    .isEqualTo(exposed.contains(service.name()));
            assertThat(allowed(overlay, controller, servicePod(overlay, service.name()), service.managementPort()))
                    .as(service.name() + " management port").isFalse();
        }
        assertThat(allowed(overlay, controller, postgres(overlay), POSTGRES_PORT)).isFalse();
        assertThat(allowed(overlay, controller, kafkaBroker(overlay), kafkaPort(overlay))).isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesReachNothingOutsideTheClusterWithoutAnExternalEndpointInTheirConfiguration(String overlay) {
        Pod internet = new Pod(null, Map.of());
        for (ServiceNeeds service : CandorServices.all()) {
            for (int port : List.of(25, 443, 465, 587)) {
                assertThat(allowed(overlay, servicePod(overlay, service.name()), internet, port)).as(service.name() + ":" + port)
                        .isEqualTo(service.externalPorts().contains(port));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kedaReachesNeitherKafkaNorPostgresItReadsTheBacklogFromPrometheus(String overlay) {
        Pod keda = new Pod("keda", Map.of("app", "keda-operator"));
        assertThat(allowed(overlay, keda, kafkaBroker(overlay), kafkaPort(overlay))).isFalse();
        assertThat(allowed(overlay, keda, postgres(overlay), POSTGRES_PORT)).isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void prometheusScrapesEveryServicesManagementPortAndNothingElseOfIt(String overlay) {
        Pod prometheus = new Pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        for (ServiceNeeds service : CandorServices.all()) {
            assertThat(allowed(overlay, prometheus, servicePod(overlay, service.name()), service.managementPort()))
                    .as(service.name()).isTrue();
            assertThat(allowed(overlay, prometheus, servicePod(overlay, service.name()), service.port()))
                    .as(service.name() + " application port").isFalse();
        }
        assertThat(allowed(overlay, prometheus, postgres(overlay), POSTGRES_PORT)).isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theDefaultDenyLeavesKafkasQuorumAndReplicationWorking(String overlay) {
        Pod broker = kafkaBroker(overlay);
        assertThat(allowed(overlay, broker, broker, KAFKA_CONTROL_PORT)).isTrue();
        assertThat(allowed(overlay, broker, broker, KAFKA_REPLICATION_PORT)).isTrue();
        for (ServiceNeeds service : CandorServices.all()) {
            assertThat(allowed(overlay, broker, servicePod(overlay, service.name()), service.port())).isFalse();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theDefaultDenyLeavesPostgresReplicationAndTheOperatorWorking(String overlay) {
        Pod instance = postgres(overlay);
        assertThat(allowed(overlay, instance, instance, POSTGRES_PORT)).isTrue();
        assertThat(allowed(overlay, new Pod("cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg")), instance, 8000))
                .isTrue();
        for (ServiceNeeds service : CandorServices.all()) {
            assertThat(allowed(overlay, instance, servicePod(overlay, service.name()), service.port())).isFalse();
        }
    }

    // --- evaluation -------------------------------------------------------------------------------------------

    /** Whether a connection from {@code from} to {@code to} on {@code port} passes both ends' policies. */
    static boolean allowed(String overlay, Pod from, Pod to, int port) {
        String ns = namespace(overlay);
        List<NetworkPolicy> policies = Manifests.of(overlay).all(NetworkPolicy.class);
        boolean egress = !ns.equals(from.namespace()) || policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Egress") && selects(p.getSpec().getPodSelector(), from))
                .flatMap(p -> p.getSpec().getEgress() == null ? java.util.stream.Stream.empty() : p.getSpec().getEgress().stream())
                .anyMatch(rule -> ports(rule.getPorts(), port) && peers(rule.getTo(), to, ns));
        if (!egress || to.namespace() == null || !ns.equals(to.namespace())) {
            return egress;
        }
        boolean ingress = policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress") && selects(p.getSpec().getPodSelector(), to))
                .flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty() : p.getSpec().getIngress().stream())
                .anyMatch(rule -> ports(rule.getPorts(), port) && peers(rule.getFrom(), from, ns));
        // Strimzi's own policy for a broker: the control plane and replication ports are open to the cluster's pods,
        // a listener to its networkPolicyPeers (to anyone when there are none).
        if (to.labels().equals(kafkaBroker(overlay).labels())) {
            String cluster = kafka(overlay).getMetadata().getName();
            if ((port == KAFKA_CONTROL_PORT || port == KAFKA_REPLICATION_PORT)
                    && cluster.equals(from.labels().get("strimzi.io/cluster"))) {
                ingress = true;
            }
            for (GenericKafkaListener listener : kafka(overlay).getSpec().getKafka().getListeners()) {
                if (listener.getPort() == port) {
                    List<NetworkPolicyPeer> peers = listener.getNetworkPolicyPeers();
                    ingress |= peers == null || peers.isEmpty() || peers(peers, from, ns);
                }
            }
        }
        return ingress;
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, Pod pod, String policyNamespace) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> {
            if (peer.getIpBlock() != null) {
                return pod.namespace() == null;
            }
            if (pod.namespace() == null) {
                return false;
            }
            boolean namespaceMatches = peer.getNamespaceSelector() == null ? pod.namespace().equals(policyNamespace)
                    : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", pod.namespace()));
            boolean podMatches = peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels());
            return namespaceMatches && podMatches;
        });
    }

    private static boolean ports(List<NetworkPolicyPort> ports, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            assertThat(p.getPort().getStrVal()).as("policies name ports by number").isNull();
            int first = p.getPort().getIntVal();
            int last = p.getEndPort() == null ? first : p.getEndPort();
            return port >= first && port <= last;
        });
    }

    private static boolean selects(LabelSelector selector, Pod pod) {
        return pod.namespace() != null && matches(selector, pod.labels());
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).as("selectors use matchLabels only").isNullOrEmpty();
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    static String namespace(String overlay) {
        return Manifests.of(overlay).all(HasMetadata.class).get(0).getMetadata().getNamespace();
    }

    static Pod servicePod(String overlay, String service) {
        return new Pod(namespace(overlay), Manifests.of(overlay).named(Deployment.class, service).getSpec().getTemplate()
                .getMetadata().getLabels());
    }

    static Kafka kafka(String overlay) {
        return KafkaAccessTest.kafka(overlay);
    }

    static int kafkaPort(String overlay) {
        return kafka(overlay).getSpec().getKafka().getListeners().get(0).getPort();
    }

    /** The labels Strimzi puts on a broker pod of the cluster. */
    static Pod kafkaBroker(String overlay) {
        String cluster = kafka(overlay).getMetadata().getName();
        return new Pod(namespace(overlay), Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                "strimzi.io/name", cluster + "-kafka", "strimzi.io/broker-role", "true"));
    }

    /** The label CloudNativePG puts on the PgBouncer pods of a service's pooler. */
    static Pod pooler(String overlay, ServiceNeeds service) {
        return new Pod(namespace(overlay), Map.of("cnpg.io/poolerName", PostgresTest.pooler(overlay, service).metadata().getName()));
    }

    /** The label CloudNativePG puts on every instance pod of the cluster. */
    static Pod postgres(String overlay) {
        return new Pod(namespace(overlay), Map.of("cnpg.io/cluster", PostgresTest.cluster(overlay).metadata().getName()));
    }
}
