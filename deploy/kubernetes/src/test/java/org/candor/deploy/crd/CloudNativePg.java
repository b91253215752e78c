package org.candor.deploy.crd;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Minimal typed model of the CloudNativePG resources Candor uses (postgresql.cnpg.io/v1). No model of these
 * is published on Maven Central, so these records hold only the fields the manifests may use: an unknown or
 * misspelled field fails parsing.
 */
public final class CloudNativePg {

    public static final String API_VERSION = "postgresql.cnpg.io/v1";

    private CloudNativePg() {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ClusterSpec(Integer instances, String imageName, Storage storage, ResourceRequirements resources,
            Managed managed) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Storage(String size, String storageClass) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Managed(List<Role> roles) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Role(String name, String ensure, Boolean login, String comment, SecretRef passwordSecret,
            List<String> inRoles) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SecretRef(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Database(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record DatabaseSpec(String name, String owner, String ensure, ClusterRef cluster) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ClusterRef(String name) {
    }
}
