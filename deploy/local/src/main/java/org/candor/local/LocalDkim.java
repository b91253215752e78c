package org.candor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The local run's DKIM key: RSA-2048, made at the first start and kept with the other keys, and the
 * configuration that makes notification-service sign with it ({@code QUARKUS_CONFIG_LOCATIONS}, since
 * the key's domain is a quoted part of the property names). {@link #dnsRecord()} is the TXT record
 * the domain would need.
 */
final class LocalDkim {

    static final String DOMAIN = "candor.localhost";
    static final String SELECTOR = "candor-local";

    private final Path keyFile;
    private final Path configFile;
    private final String publicKey;

    private LocalDkim(Path keyFile, Path configFile, String publicKey) {
        this.keyFile = keyFile;
        this.configFile = configFile;
        this.publicKey = publicKey;
    }

    static LocalDkim inDirectory(Path keys) {
        try {
            Files.createDirectories(keys);
            Path keyFile = keys.resolve("dkim-" + DOMAIN + ".pem");
            PrivateKey privateKey;
            if (Files.exists(keyFile)) {
                String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            } else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                privateKey = pair.getPrivate();
                Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(privateKey.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
            }
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            byte[] publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())).getEncoded();
            Path configFile = keys.resolve("dkim.properties");
            Files.writeString(configFile, "candor.notification.email.dkim.enabled=true\n"
                    + "candor.notification.email.dkim.domains.\"" + DOMAIN + "\".selector=" + SELECTOR + "\n"
                    + "candor.notification.email.dkim.domains.\"" + DOMAIN + "\".private-key-file="
                    + keyFile.toAbsolutePath().toString().replace("\\", "\\\\") + "\n");
            return new LocalDkim(keyFile, configFile, Base64.getEncoder().encodeToString(publicKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For notification-service's environment: where its DKIM settings are. */
    String configLocation() {
        return configFile.toUri().toString();
    }

    Path keyFile() {
        return keyFile;
    }

    /** The DNS record receivers would look up to check the signature. */
    String dnsRecord() {
        return SELECTOR + "._domainkey." + DOMAIN + ". IN TXT \"v=DKIM1; k=rsa; p=" + publicKey + "\"";
    }
}
