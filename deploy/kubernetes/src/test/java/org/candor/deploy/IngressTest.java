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

    /**
     * Staff hosts route {@code /api} and the staff pages each service serves behind a role (the analysts'
     * dashboard, the agents' chat socket) and nothing else: not {@code /}, never the management paths, never a
     * public page (those go through the public Ingress and its limits).
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theStaffIngressRoutesOnlyTheApiAndStaffPagesOfEachService(String overlay) throws java.io.IOException {
        Ingress staff = Manifests.of(overlay).named(Ingress.class, "candor-staff");
        for (var rule : staff.getSpec().getRules()) {
            for (var path : rule.getHttp().getPaths()) {
                String service = path.getBackend().getService().getName();
                assertThat(path.getPathType()).as(rule.getHost()).isEqualTo("Prefix");
                assertThat(path.getPath()).as("%s routes %s", rule.getHost(), path.getPath())
                        .isIn(java.util.stream.Stream.concat(java.util.stream.Stream.of("/api"),
                                staffPaths(service).stream()).toList());
            }
        }
        assertThat(staff.getSpec().getRules()).allSatisfy(rule -> assertThat(rule.getHttp().getPaths())
                .extracting(path -> path.getPath()).contains("/api"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noIngressRoutesTheManagementPaths(String overlay) {
        for (Ingress ingress : Manifests.of(overlay).all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                assertThat(path.getPath()).as(ingress.getMetadata().getName()).isNotEqualTo("/").doesNotStartWith("/q");
                Service service = Manifests.of(overlay).named(Service.class, path.getBackend().getService().getName());
                assertThat(service.getSpec().getPorts()).as("ports of Service %s", service.getMetadata().getName())
                        .allSatisfy(port -> assertThat(port.getName()).isNotEqualTo("management"));
            }));
        }
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

    /** Every page or socket a service serves without an account is reachable through the public Ingress, and only those. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void thePublicIngressRoutesExactlyThePublicPagesTheServicesServe(String overlay) throws java.io.IOException {
        Ingress pub = Manifests.of(overlay).named(Ingress.class, "candor-public");
        java.util.Map<String, String> routes = new java.util.TreeMap<>();
        pub.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(
                path -> routes.put(path.getPath(), path.getBackend().getService().getName())));
        java.util.Map<String, String> pages = new java.util.TreeMap<>();
        for (ServiceNeeds service : CandorServices.all()) {
            publicPaths(service.name()).forEach(page -> pages.put(page, service.name()));
        }
        pages.forEach((page, service) -> assertThat(routes.entrySet()).as("public page %s of %s", page, service)
                .anySatisfy(route -> {
                    assertThat(underPrefix(page, route.getKey())).isTrue();
                    assertThat(route.getValue()).isEqualTo(service);
                }));
        routes.forEach((route, service) -> assertThat(pages.entrySet()).as("public route %s to %s", route, service)
                .anySatisfy(page -> {
                    assertThat(underPrefix(page.getKey(), route)).isTrue();
                    assertThat(page.getValue()).isEqualTo(service);
                }));
    }

    /** Whether {@code path} lies under the Ingress {@code Prefix} (whole segments, as Kubernetes matches). */
    private static boolean underPrefix(String path, String prefix) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(trimmed) || path.startsWith(trimmed + "/");
    }

    /**
     * The literal start of every class-level {@code @Path} and {@code @WebSocket(path)} that needs no role:
     * classes without a class-level {@code @RolesAllowed}, outside {@code /api}, and not REST client interfaces.
     */
    static Set<String> publicPaths(String service) throws java.io.IOException {
        return classPaths(service, false);
    }

    /** The literal start of every class-level path outside {@code /api} whose class needs a role (staff pages). */
    static Set<String> staffPaths(String service) throws java.io.IOException {
        return classPaths(service, true);
    }

    private static Set<String> classPaths(String service, boolean withRole) throws java.io.IOException {
        java.util.regex.Pattern path = java.util.regex.Pattern.compile(
                "^@(?:Path\\(|WebSocket\\(path\\s*=\\s*)\"([^\"]+)\"", java.util.regex.Pattern.MULTILINE);
        Set<String> paths = new TreeSet<>();
        try (var files = java.nio.file.Files.walk(Manifests.root().resolve(service + "/src/main/java"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = java.nio.file.Files.readString(file);
                boolean client = source.contains("\ninterface ") || source.contains("\npublic interface ");
                if (client || source.contains("\n@RolesAllowed") != withRole) {
                    continue;
                }
                java.util.regex.Matcher matcher = path.matcher(source);
                while (matcher.find()) {
                    String literal = matcher.group(1).replaceAll("/?\\{.*$", "");
                    if (!literal.isEmpty() && !literal.equals("/") && !literal.startsWith("/api")) {
                        paths.add(literal);
                    }
                }
            }
        }
        return paths;
    }

    static Set<String> backends(Ingress ingress) {
        Set<String> names = new TreeSet<>();
        ingress.getSpec().getRules().forEach(r -> r.getHttp().getPaths().forEach(p -> names.add(p.getBackend().getService().getName())));
        return names;
    }
}
