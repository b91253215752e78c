package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every service believes X-Forwarded-For only from its overlay's ingress controller range, never from everyone. */
class TrustedProxiesTest {

    static final java.util.List<String> SERVICES = DeploymentHardeningTest.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceTrustsOnlyTheIngressControllersRange(String service) {
        for (String overlay : Manifests.OVERLAYS) {
            Map<String, String> env = DeploymentHardeningTest.environment(overlay, service);

            assertThat(env.get("CANDOR_TRUSTED_PROXIES")).as(overlay + " " + service)
                    .matches("[0-9a-f.:]+(/[0-9]{1,3})?(,[0-9a-f.:]+(/[0-9]{1,3})?)*")
                    .doesNotContain("0.0.0.0/0").doesNotContain("::/0").isNotEqualTo("127.0.0.1");
        }
    }
}
