package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.candor.deploy.CandorServices.ServiceNeeds;
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

    static CloudNativePg.Cluster cluster(String overlay) {
        List<CloudNativePg.Cluster> clusters = Manifests.of(overlay).all(CloudNativePg.Cluster.class);
        assertThat(clusters).hasSize(1);
        return clusters.get(0);
    }
}
