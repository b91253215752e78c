package org.candor.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class ProductionReadinessTest {

    private static Map<String, String> base() {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.application.name", "demo-service");
        properties.put(ProductionReadiness.REQUIRED_BY_ALL, "mp.jwt.verify.issuer,mp.jwt.verify.audiences");
        properties.put(ProductionReadiness.REQUIRED, "candor.demo.dpo-contact,candor.demo.secret,candor.demo.public-base-url");
        properties.put(ProductionReadiness.DEMO_VALUES, "dpo@example.org,http://localhost:8080,<unset>");
        properties.put(ProductionReadiness.DEMO_MARKERS, "example.org,not-for-production");
        return properties;
    }

    private static Map<String, String> ready() {
        Map<String, String> properties = base();
        properties.put("mp.jwt.verify.issuer", "https://login.acme.test/issuer");
        properties.put("mp.jwt.verify.audiences", "candor");
        properties.put("candor.demo.dpo-contact", "privacy@acme.test");
        properties.put("candor.demo.secret", "7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c1e");
        properties.put("candor.demo.public-base-url", "https://www.acme.test");
        return properties;
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void everyUnsetOrDemoPropertyIsNamedInOneError() {
        Map<String, String> properties = base();
        properties.put("candor.demo.dpo-contact", "DPO@Example.org");
        properties.put("candor.demo.secret", "dev-only-secret-not-for-production");
        properties.put("candor.demo.public-base-url", "http://localhost:8080");

        assertThatThrownBy(() -> ProductionReadiness.check(config(properties)))
                .isInstanceOf(ProductionReadiness.NotReadyForProduction.class)
                .hasMessageStartingWith("demo-service refuses to start in production: 5 properties")
                .hasMessageContaining("mp.jwt.verify.issuer (env MP_JWT_VERIFY_ISSUER) is not set")
                .hasMessageContaining("mp.jwt.verify.audiences (env MP_JWT_VERIFY_AUDIENCES) is not set")
                .hasMessageContaining("candor.demo.dpo-contact (env CANDOR_DEMO_DPO_CONTACT) is still a demo value")
                .hasMessageContaining("candor.demo.secret (env CANDOR_DEMO_SECRET) is still a demo value")
                .hasMessageContaining("candor.demo.public-base-url (env CANDOR_DEMO_PUBLIC_BASE_URL) is still a demo value");
    }

    @Test
    void theErrorNeverShowsAValue() {
        Map<String, String> properties = ready();
        properties.put("candor.demo.secret", "leaked-value-not-for-production");

        assertThatThrownBy(() -> ProductionReadiness.check(config(properties))).message()
                .doesNotContain("leaked-value");
    }

    @Test
    void aSentinelDefaultCountsAsUnset() {
        Map<String, String> properties = ready();
        properties.put("candor.demo.secret", "<unset>");

        assertThat(ProductionReadiness.findings(config(properties)))
                .containsExactly(new ProductionReadiness.Finding("candor.demo.secret", "is not set"));
    }

    @Test
    void aPropertyWhoseEnvironmentVariableIsMissingCountsAsUnset() {
        Map<String, String> properties = ready();
        properties.put("candor.demo.secret", "${CANDOR_DEMO_SECRET_THAT_NOBODY_SETS}");

        assertThat(ProductionReadiness.findings(config(properties)))
                .containsExactly(new ProductionReadiness.Finding("candor.demo.secret", "is not set"));
    }

    @Test
    void realValuesPass() {
        assertThatCode(() -> ProductionReadiness.check(config(ready()))).doesNotThrowAnyException();
    }

    @Test
    void devAndTestSwitchTheCheckOff() {
        Map<String, String> properties = base();
        properties.put(ProductionReadiness.ENFORCE, "false");

        assertThatCode(() -> ProductionReadiness.check(config(properties))).doesNotThrowAnyException();
    }
}
