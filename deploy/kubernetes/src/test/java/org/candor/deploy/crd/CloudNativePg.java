package org.candor.deploy.crd;

import java.util.List;
import java.util.Map;

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
            Postgresql postgresql, Certificates certificates, List<Plugin> plugins, Managed managed) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Postgresql(Map<String, String> parameters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Certificates(List<String> serverAltDNSNames) {
    }

    /** A CNPG-I plugin, e.g. Barman Cloud for WAL archiving and backups. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Plugin(String name, Boolean isWALArchiver, Map<String, String> parameters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Pooler(String apiVersion, String kind, ObjectMeta metadata, PoolerSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PoolerSpec(ClusterRef cluster, Integer instances, String type, PgBouncer pgbouncer) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PgBouncer(String poolMode, Map<String, String> parameters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, ScheduledBackupSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ScheduledBackupSpec(String schedule, String backupOwnerReference, ClusterRef cluster, String method,
            PluginConfiguration pluginConfiguration, Boolean immediate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PluginConfiguration(String name) {
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
