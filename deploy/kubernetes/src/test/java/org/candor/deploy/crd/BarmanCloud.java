package org.candor.deploy.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Minimal typed model of the Barman Cloud plugin's ObjectStore (barmancloud.cnpg.io/v1): where CloudNativePG's
 * WAL archive and base backups go. Only the fields the manifests may use; an unknown field fails parsing.
 */
public final class BarmanCloud {

    public static final String API_VERSION = "barmancloud.cnpg.io/v1";

    private BarmanCloud() {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ObjectStore(String apiVersion, String kind, ObjectMeta metadata, ObjectStoreSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ObjectStoreSpec(String retentionPolicy, Configuration configuration) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Configuration(String destinationPath, String endpointURL, S3Credentials s3Credentials,
            Compression wal, Compression data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record S3Credentials(SecretKey accessKeyId, SecretKey secretAccessKey) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SecretKey(String name, String key) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Compression(String compression) {
    }
}
