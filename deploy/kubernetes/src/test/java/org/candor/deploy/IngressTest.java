package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.candor.deploy.CandorServices.ServiceNeeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

class IngressTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theStaffIngressRoutesToEveryServiceAndLetsThroughTheLargestBodyAnyAccepts(String overlay) {
        Ingress staff = Manifests.of(overlay).named(Ingress.class, "candor-staff");
        assertThat(backends(staff)).containsExactlyInAnyOrderElementsOf(
                CandorServices.all().stream().map(ServiceNeeds::name).toList());
        long largest = CandorServices.all().stream().mapToLong(ServiceNeeds::maxBodyBytes).max().orElseThrow();
        assertThat(CandorServices.bytes(staff.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size")))
                .isGreaterThanOrEqualTo(largest);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyIngressServesTlsForEachOfItsHostsAndRoutesToExistingServicePorts(String overlay) {
        for (Ingress ingress : Manifests.of(overlay).all(Ingress.class)) {
            Set<String> tlsHosts = new TreeSet<>();
            ingress.getSpec().getTls().forEach(tls -> tlsHosts.addAll(tls.getHosts()));
            ingress.getSpec().getRules().forEach(rule -> {
                assertThat(tlsHosts).as(ingress.getMetadata().getName()).contains(rule.getHost());
                rule.getHttp().getPaths().forEach(path -> {
                    Service service = Manifests.of(overlay).named(Service.class, path.getBackend().getService().getName());
                    assertThat(service.getSpec().getPorts()).extracting(p -> p.getName())
                            .contains(path.getBackend().getService().getPort().getName());
                });
            });
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void thePublicIngressIsRateLimitedAndExposesOnlyPathPrefixesNotWholeServices(String overlay) {
        Ingress pub = Manifests.of(overlay).named(Ingress.class, "candor-public");
        assertThat(pub.getMetadata().getAnnotations()).containsKey("nginx.ingress.kubernetes.io/limit-rps");
        pub.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertThat(path.getPath()).isNotEqualTo("/").doesNotStartWith("/api").doesNotStartWith("/q");
            assertThat(path.getPathType()).isEqualTo("Prefix");
        }));
    }

    static Set<String> backends(Ingress ingress) {
        Set<String> names = new TreeSet<>();
        ingress.getSpec().getRules().forEach(r -> r.getHttp().getPaths().forEach(p -> names.add(p.getBackend().getService().getName())));
        return names;
    }
}
