package org.candor.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class SecurityHeadersTest {

    private static final String WIDGET = "default-src 'none'; script-src 'self'; frame-ancestors 'self' https://www.example.org";

    private static SecurityHeadersConfig config(Optional<String> hsts) {
        return new SecurityHeadersConfig() {
            public boolean enabled() {
                return true;
            }

            public String contentSecurityPolicy() {
                return "default-src 'none'; frame-ancestors 'none'";
            }

            public Map<String, String> pathPolicies() {
                return Map.of("/widget", WIDGET, "/widget/admin", "default-src 'none'");
            }

            public List<String> policyExcludedPaths() {
                return List.of("/q/");
            }

            public String referrerPolicy() {
                return "no-referrer";
            }

            public Optional<String> strictTransportSecurity() {
                return hsts;
            }
        };
    }

    private final SecurityHeaders headers = new SecurityHeaders(config(Optional.of("max-age=31536000")));

    @Test
    void aPageGetsTheDefaultPolicyAndTheOtherHeaders() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "text/html");

        headers.addHeaders("/status", response);

        assertThat(response.get("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.get("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(response.get("Content-Type")).isEqualTo("text/html;charset=utf-8");
    }

    @Test
    void theLongestMatchingPathPolicyWins() {
        assertThat(headers.policyFor("/widget/index.html")).isEqualTo(WIDGET);
        assertThat(headers.policyFor("/widget/admin/x")).isEqualTo("default-src 'none'");
        assertThat(headers.policyFor("/q/swagger-ui")).isNull();
    }

    @Test
    void headersTheResponseSetsItselfAreKept() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json")
                .set("Referrer-Policy", "same-origin");

        headers.addHeaders("/api/x", response);

        assertThat(response.get("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.get("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void withoutHstsConfiguredNoneIsSent() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap();

        new SecurityHeaders(config(Optional.empty())).addHeaders("/status", response);

        assertThat(response.contains("Strict-Transport-Security")).isFalse();
    }

    @Test
    void aFormToAnotherServicesHostAddsThatOriginToFormAction() {
        String policy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";

        assertThat(SecurityHeaders.allowingFormsTo(policy, "http://127.0.0.1:8082/check?x=1"))
                .isEqualTo("default-src 'none'; form-action 'self' http://127.0.0.1:8082; frame-ancestors 'none'");
        assertThat(SecurityHeaders.allowingFormsTo("default-src 'none'", "https://notify.example.org/check"))
                .isEqualTo("default-src 'none'; form-action 'self' https://notify.example.org");
    }

    @Test
    void aFormToThisHostLeavesThePolicyAsItIs() {
        String policy = "default-src 'none'; form-action 'self'";

        assertThat(SecurityHeaders.allowingFormsTo(policy, "/check")).isEqualTo(policy);
    }
}
