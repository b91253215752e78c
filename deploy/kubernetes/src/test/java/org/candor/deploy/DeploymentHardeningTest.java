package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.candor.deploy.CandorServices.ServiceNeeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;

class DeploymentHardeningTest {

    static final List<String> SERVICES = CandorServices.all().stream().map(ServiceNeeds::name).toList();

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceHasADeploymentServiceAccountServiceAndConfigMap(String service) {
        for (String overlay : Manifests.OVERLAYS) {
            Manifests m = Manifests.of(overlay);
            Deployment deployment = m.named(Deployment.class, service);
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(service);
            m.named(ServiceAccount.class, service);
            Service svc = m.named(Service.class, service);
            assertThat(svc.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(svc.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(needs(service).port()));
            m.named(ConfigMap.class, service + "-config");
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void probesAskTheQuarkusHealthEndpointsOnTheManagementPort(String service) {
        for (String overlay : Manifests.OVERLAYS) {
            Container container = container(overlay, service);
            assertThat(container.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(needs(service).port());
            });
            assertThat(container.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("management");
                assertThat(p.getContainerPort()).isEqualTo(needs(service).managementPort());
            });
            assertProbe(container, container.getStartupProbe(), "/q/health/started");
            assertProbe(container, container.getLivenessProbe(), "/q/health/live");
            assertProbe(container, container.getReadinessProbe(), "/q/health/ready");
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void requestsAndLimitsCpuAndMemoryWithRequestsWithinLimits(String service) {
        for (String overlay : Manifests.OVERLAYS) {
            var resources = container(overlay, service).getResources();
            assertThat(resources).as(overlay).isNotNull();
            for (String kind : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests().get(kind);
                Quantity limit = resources.getLimits().get(kind);
                assertThat(request).as(overlay + " request " + kind).isNotNull();
                assertThat(limit).as(overlay + " limit " + kind).isNotNull();
                assertThat(request.getNumericalAmount()).isLessThanOrEqualTo(limit.getNumericalAmount());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void runsRestrictedNonRootReadOnlyWithoutPrivilegesOrCapabilities(String service) {
        for (String overlay : Manifests.OVERLAYS) {
            PodSpec pod = pod(overlay, service);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            for (Container container : pod.getContainers()) {
                SecurityContext security = container.getSecurityContext();
                assertThat(security.getRunAsNonRoot()).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).isTrue();
                assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void aReadOnlyRootKeepsAWritableTmpOnAnEmptyDir(String service) {
        for (String overlay : Manifests.OVERLAYS) {
            PodSpec pod = pod(overlay, service);
            String volume = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(mount -> mount.getMountPath().equals("/tmp")).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " mounts nothing on /tmp")).getName();
            assertThat(pod.getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo(volume);
                assertThat(v.getEmptyDir()).isNotNull();
            });
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void configurationPointsAtTheServicesPortDatabaseAndTheKafkaListener(String service) {
        ServiceNeeds needs = needs(service);
        for (String overlay : Manifests.OVERLAYS) {
            Map<String, String> env = environment(overlay, service);
            assertThat(env).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(needs.port()));
            if (needs.database() != null) {
                assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                        .matches("jdbc:postgresql://candor-pooler-" + needs.shortName() + ":5432/" + needs.database() + "(\\?.*)?");
                assertThat(env).containsKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            }
            if (needs.usesKafka()) {
                Kafka kafka = KafkaAccessTest.kafka(overlay);
                String listener = kafka.getMetadata().getName() + "-kafka-bootstrap:"
                        + kafka.getSpec().getKafka().getListeners().get(0).getPort();
                assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", listener)
                        .containsEntry("KAFKA_SECURITY_PROTOCOL", "SSL");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void callsToOtherServicesGoToTheirKubernetesServices(String service) {
        ServiceNeeds needs = needs(service);
        for (String overlay : Manifests.OVERLAYS) {
            Map<String, String> env = environment(overlay, service);
            for (int port : needs.callsPorts()) {
                ServiceNeeds callee = CandorServices.all().stream().filter(s -> s.port() == port).findFirst().orElseThrow();
                assertThat(env.entrySet()).as("rest client of %s to port %d", service, port).anySatisfy(e -> {
                    assertThat(e.getKey()).startsWith("QUARKUS_REST_CLIENT_").endsWith("_URL");
                    assertThat(e.getValue()).isEqualTo("http://" + callee.name() + ":" + port);
                });
            }
        }
    }

    /** A value such as {@code ${CANDOR_X_SECRET}} with no default stops the service at start unless the pod sets it. */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyVariableTheConfigurationRequiresIsSet(String service) throws java.io.IOException {
        java.util.Set<String> required = requiredVariables(service);
        for (String overlay : Manifests.OVERLAYS) {
            assertThat(environment(overlay, service).keySet()).as("%s in %s", service, overlay).containsAll(required);
        }
        assertThat(ContainerImageTest.composeEnvironment(service)).as("%s in docker-compose.yml", service)
                .containsAll(required);
    }

    /** The environment variables the service's production configuration refers to without a default. */
    static java.util.Set<String> requiredVariables(String service) throws java.io.IOException {
        java.util.Set<String> required = new java.util.TreeSet<>();
        java.util.regex.Pattern variable = java.util.regex.Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
        for (String line : java.nio.file.Files.readAllLines(
                Manifests.root().resolve(service + "/src/main/resources/application.properties"))) {
            String entry = line.strip();
            if (entry.startsWith("#") || entry.startsWith("%")) {
                continue;
            }
            java.util.regex.Matcher matcher = variable.matcher(entry);
            while (matcher.find()) {
                required.add(matcher.group(1));
            }
        }
        return required;
    }

    private static void assertProbe(Container container, Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        String port = probe.getHttpGet().getPort().getStrVal();
        int number = port == null ? probe.getHttpGet().getPort().getIntVal()
                : container.getPorts().stream().filter(p -> port.equals(p.getName())).findFirst().orElseThrow().getContainerPort();
        assertThat(number).as(path).isEqualTo(needs(container.getName()).managementPort());
    }

    static ServiceNeeds needs(String service) {
        return CandorServices.named(service);
    }

    static PodSpec pod(String overlay, String service) {
        return Manifests.of(overlay).named(Deployment.class, service).getSpec().getTemplate().getSpec();
    }

    static Container container(String overlay, String service) {
        return pod(overlay, service).getContainers().stream().filter(c -> c.getName().equals(service)).findFirst().orElseThrow();
    }

    /** The container's environment: its ConfigMaps' entries and its own variables (values or references). */
    static Map<String, String> environment(String overlay, String service) {
        Container container = container(overlay, service);
        Map<String, String> env = new java.util.TreeMap<>();
        // A ConfigMap the organisation creates (external-resources.yaml) contributes the keys listed there.
        container.getEnvFrom().stream().filter(source -> source.getConfigMapRef() != null).forEach(source -> {
            String name = source.getConfigMapRef().getName();
            if (ReferencesTest.external("configMaps").contains(name)) {
                ProductionSettingsTest.externalConfigMapKeys(name).forEach(key -> env.put(key, "<from " + name + ">"));
            } else {
                env.putAll(Manifests.of(overlay).named(ConfigMap.class, name).getData());
            }
        });
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "<from " + var.getValueFrom() + ">");
        }
        return env;
    }

    static Map<String, Deployment> deployments(String overlay) {
        return Manifests.of(overlay).all(Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
    }
}
