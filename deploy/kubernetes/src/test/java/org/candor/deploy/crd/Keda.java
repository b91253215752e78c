package org.candor.deploy.crd;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Minimal typed model of the KEDA resources Candor uses (keda.sh/v1alpha1). No model of these is published on
 * Maven Central, so these records hold only the fields the manifests may use: an unknown field fails parsing.
 */
public final class Keda {

    public static final String API_VERSION = "keda.sh/v1alpha1";

    private Keda() {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ScaledObjectSpec(ScaleTarget scaleTargetRef, Integer minReplicaCount, Integer maxReplicaCount,
            Integer idleReplicaCount, Integer pollingInterval, Integer cooldownPeriod, List<Trigger> triggers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ScaleTarget(String apiVersion, String kind, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Trigger(String type, String name, String metricType, Map<String, String> metadata,
            AuthenticationRef authenticationRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record AuthenticationRef(String name, String kind) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata,
            TriggerAuthenticationSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SecretTargetRef(String parameter, String name, String key) {
    }
}
