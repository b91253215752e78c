package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.candor.deploy.CandorServices.ServiceNeeds;
import org.candor.deploy.crd.BarmanCloud;
import org.candor.deploy.crd.CloudNativePg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.EnvVar;

class PostgresTest {

    static final List<String> SERVICES = CandorServices.all().stream().filter(s -> s.database() != null)
            .map(ServiceNeeds::name).toList();

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceHasItsOwnLoginRole(String service) {
        ServiceNeeds needs = CandorServices.named(service);
        for (String overlay : Manifests.OVERLAYS) {
            assertThat(cluster(overlay).spec().managed().roles()).as(overlay).anySatisfy(role -> {
                assertThat(role.name()).isEqualTo(needs.databaseUser());
                assertThat(role.login()).isTrue();
                assertThat(role.ensure()).isEqualTo("present");
                assertThat(role.passwordSecret()).isNotNull();
            });
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceHasItsOwnDatabaseOwnedByItsRole(String service) {
        ServiceNeeds needs = CandorServices.named(service);
        for (String overlay : Manifests.OVERLAYS) {
            assertThat(Manifests.of(overlay).all(CloudNativePg.Database.class)).as(overlay).anySatisfy(db -> {
                assertThat(db.spec().name()).isEqualTo(needs.database());
                assertThat(db.spec().owner()).isEqualTo(needs.databaseUser());
                assertThat(db.spec().cluster().name()).isEqualTo(cluster(overlay).metadata().getName());
            });
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theServiceLogsInWithTheSecretOfItsRole(String service) {
        ServiceNeeds needs = CandorServices.named(service);
        for (String overlay : Manifests.OVERLAYS) {
            String roleSecret = cluster(overlay).spec().managed().roles().stream()
                    .filter(r -> r.name().equals(needs.databaseUser())).findFirst().orElseThrow().passwordSecret().name();
            List<EnvVar> env = DeploymentHardeningTest.container(overlay, service).getEnv();
            for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                assertThat(env).as(variable).anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo(variable);
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(roleSecret);
                });
            }
        }
    }

    @Test
    void productionRunsThreeInstancesAndDevOne() {
        assertThat(cluster("prod").spec().instances()).isEqualTo(3);
        assertThat(cluster("dev").spec().instances()).isEqualTo(1);
    }

    @Test
    void everyDatabaseBelongsToAService() {
        for (String overlay : Manifests.OVERLAYS) {
            assertThat(Manifests.of(overlay).all(CloudNativePg.Database.class)).extracting(db -> db.spec().name())
                    .containsExactlyInAnyOrderElementsOf(CandorServices.all().stream().map(ServiceNeeds::database)
                            .filter(d -> d != null).toList());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void thePostgresImageIsPinnedByDigest(String overlay) {
        assertThat(cluster(overlay).spec().imageName()).as(overlay)
                .matches("[a-z0-9.-]+(/[a-z0-9._-]+)+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void walIsArchivedAndABaseBackupScheduledToAnObjectStoreWithARetention(String overlay) {
        Manifests m = Manifests.of(overlay);
        CloudNativePg.Cluster cluster = cluster(overlay);
        CloudNativePg.Plugin archiver = cluster.spec().plugins().stream()
                .filter(plugin -> Boolean.TRUE.equals(plugin.isWALArchiver())).findFirst()
                .orElseThrow(() -> new AssertionError("no WAL archiver on the cluster"));
        assertThat(archiver.name()).isEqualTo(BARMAN_CLOUD);
        String storeName = archiver.parameters().get("barmanObjectName");
        BarmanCloud.ObjectStore store = m.all(BarmanCloud.ObjectStore.class).stream()
                .filter(candidate -> candidate.metadata().getName().equals(storeName)).findFirst()
                .orElseThrow(() -> new AssertionError("no ObjectStore " + storeName));
        assertThat(store.spec().configuration().destinationPath()).startsWith("s3://");
        assertThat(store.spec().retentionPolicy()).matches("[1-9][0-9]*[dwm]");
        assertThat(m.all(CloudNativePg.ScheduledBackup.class)).as(overlay).anySatisfy(backup -> {
            assertThat(backup.spec().cluster().name()).isEqualTo(cluster.metadata().getName());
            assertThat(backup.spec().method()).isEqualTo("plugin");
            assertThat(backup.spec().pluginConfiguration().name()).isEqualTo(BARMAN_CLOUD);
            // CloudNativePG's schedules have six fields, seconds first.
            assertThat(backup.spec().schedule().trim().split("\\s+")).hasSize(6);
        });
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceConnectsThroughItsOwnTransactionPoolerByAVerifiedName(String service) {
        ServiceNeeds needs = CandorServices.named(service);
        for (String overlay : Manifests.OVERLAYS) {
            CloudNativePg.Pooler pooler = pooler(overlay, needs);
            assertThat(pooler.spec().cluster().name()).isEqualTo(cluster(overlay).metadata().getName());
            assertThat(pooler.spec().type()).isEqualTo("rw");
            assertThat(pooler.spec().pgbouncer().poolMode()).isEqualTo("transaction");
            assertThat(cluster(overlay).spec().certificates().serverAltDNSNames()).contains(pooler.metadata().getName());
            assertThat(DeploymentHardeningTest.environment(overlay, service).get("QUARKUS_DATASOURCE_JDBC_URL"))
                    .contains("sslmode=verify-full");
            assertThat(Manifests.of(overlay).all(CloudNativePg.Pooler.class).stream()
                    .filter(other -> other.metadata().getName().equals(pooler.metadata().getName()))).hasSize(1);
        }
    }

    /**
     * The connection budget: every service at its most replicas, each with a full JDBC pool, fits its pooler
     * (one instance alone must take them all while the other restarts), and every pooler's server connections
     * together, with room for the operator and monitoring, fit what PostgreSQL accepts.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceAtItsMostReplicasFitsItsPoolerAndThePoolersFitPostgres(String overlay) {
        int serverConnections = 0;
        for (ServiceNeeds service : CandorServices.all()) {
            if (service.database() == null) {
                continue;
            }
            CloudNativePg.Pooler pooler = pooler(overlay, service);
            int clients = ScalingTest.maxReplicas(overlay, service.name()) * service.jdbcPoolSize();
            assertThat(clients).as("%s: %d replicas x %d connections against its pooler's max_client_conn", service.name(),
                    ScalingTest.maxReplicas(overlay, service.name()), service.jdbcPoolSize())
                    .isLessThanOrEqualTo(parameter(pooler, "max_client_conn"));
            serverConnections += pooler.spec().instances() * parameter(pooler, "default_pool_size");
        }
        var parameters = cluster(overlay).spec().postgresql().parameters();
        int available = Integer.parseInt(parameters.get("max_connections"))
                - Integer.parseInt(parameters.getOrDefault("superuser_reserved_connections", "3"));
        assertThat(serverConnections + OPERATOR_AND_MONITORING_CONNECTIONS).as(overlay + " server connections")
                .isLessThanOrEqualTo(available);
    }

    /** What the CloudNativePG instance manager, backups and a monitoring exporter may hold besides the poolers. */
    static final int OPERATOR_AND_MONITORING_CONNECTIONS = 10;

    static final String BARMAN_CLOUD = "barman-cloud.cloudnative-pg.io";

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    private static int parameter(CloudNativePg.Pooler pooler, String name) {
        String value = pooler.spec().pgbouncer().parameters().get(name);
        assertThat(value).as(pooler.metadata().getName() + " " + name).isNotNull();
        return Integer.parseInt(value);
    }

    /** The pooler a service's JDBC URL names (host of {@code QUARKUS_DATASOURCE_JDBC_URL}). */
    static CloudNativePg.Pooler pooler(String overlay, ServiceNeeds service) {
        String url = DeploymentHardeningTest.environment(overlay, service.name()).get("QUARKUS_DATASOURCE_JDBC_URL");
        String host = url.replaceFirst("^jdbc:postgresql://([^:/]+).*$", "$1");
        return Manifests.of(overlay).all(CloudNativePg.Pooler.class).stream()
                .filter(pooler -> pooler.metadata().getName().equals(host)).findFirst()
                .orElseThrow(() -> new AssertionError(service.name() + " connects to " + host + ", which is no Pooler"));
    }

    static CloudNativePg.Cluster cluster(String overlay) {
        List<CloudNativePg.Cluster> clusters = Manifests.of(overlay).all(CloudNativePg.Cluster.class);
        assertThat(clusters).hasSize(1);
        return clusters.get(0);
    }
}
