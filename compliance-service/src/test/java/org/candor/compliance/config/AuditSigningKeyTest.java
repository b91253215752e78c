package org.candor.compliance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

import org.candor.platform.config.ProductionReadiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The checkpoint signing key: read from a PEM file, made up only in dev and test, required in production. */
class AuditSigningKeyTest {

    @TempDir
    Path dir;

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Test
    void productionConfigurationWithoutTheKeyIsRefusedNamingTheSetting() throws Exception {
        // compliance-service's own application.properties over platform's defaults, in the prod profile.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .addDefaultSources().withSources(new PropertiesConfigSource(
                        AuditSigningKeyTest.class.getClassLoader().getResource("application.properties"), 250))
                .build();

        assertThat(ProductionReadiness.findings(config))
                .contains(new ProductionReadiness.Finding(AuditSigningKey.PROPERTY, "is not set"));
        assertThatThrownBy(() -> ProductionReadiness.check(config))
                .hasMessageContaining("candor.compliance.audit.signing-key-location"
                        + " (env CANDOR_COMPLIANCE_AUDIT_SIGNING_KEY_LOCATION) is not set");
    }

    @Test
    void outsideDevAndTestNoKeyIsMadeUp() {
        assertThatThrownBy(() -> AuditSigningKey.keys(Optional.empty(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("candor.compliance.audit.signing-key-location"
                        + " (env CANDOR_COMPLIANCE_AUDIT_SIGNING_KEY_LOCATION) is not set");
    }

    @Test
    void aPkcs8PemFileIsReadAndItsPublicKeyDerived() throws Exception {
        KeyPair generated = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path file = dir.resolve("signing-key.pem");
        Files.writeString(file, pem("PRIVATE KEY", generated.getPrivate().getEncoded()));

        AuditSigningKey key = new AuditSigningKey(AuditSigningKey.read(file));

        assertThat(key.publicKeyPem()).isEqualTo(pem("PUBLIC KEY", generated.getPublic().getEncoded()));
        String signature = key.sign("candor-audit-checkpoint v1\n1\n1\n" + "0".repeat(64) + "\n2026-12-07T10:00:00Z");
        Signature verifying = Signature.getInstance("Ed25519");
        verifying.initVerify(generated.getPublic());
        verifying.update(("candor-audit-checkpoint v1\n1\n1\n" + "0".repeat(64) + "\n2026-12-07T10:00:00Z")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(verifying.verify(Base64.getDecoder().decode(signature))).isTrue();
    }

    @Test
    void aKeyOfAnotherKindIsRefusedNamingTheSetting() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path file = dir.resolve("rsa.pem");
        Files.writeString(file, pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));

        assertThatThrownBy(() -> AuditSigningKey.read(file))
                .hasMessage("candor.compliance.audit.signing-key-location (env CANDOR_COMPLIANCE_AUDIT_SIGNING_KEY_LOCATION): "
                        + file + " is not an Ed25519 private key");
    }

    @Test
    void aMissingFileIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> AuditSigningKey.read(dir.resolve("absent.pem")))
                .hasMessageStartingWith("candor.compliance.audit.signing-key-location")
                .hasMessageContaining("cannot be read");
    }
}
