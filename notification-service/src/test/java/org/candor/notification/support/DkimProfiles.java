package org.candor.notification.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Sender identity of {@link MailProfile} with in-app DKIM signing, a key made for the test run. */
public final class DkimProfiles {

    public static final String DOMAIN = "candor.example.org";

    private DkimProfiles() {
    }

    /** An RSA-2048 key (the default kind). */
    public static class Rsa extends MailProfile {

        public static final String SELECTOR = "rsa2026";
        public static final KeyPair KEYS = generate("RSA", 2048);

        @Override
        public Map<String, String> getConfigOverrides() {
            return withKey(super.getConfigOverrides(), SELECTOR, KEYS);
        }
    }

    /** An Ed25519 key (RFC 8463). */
    public static class Ed25519 extends MailProfile {

        public static final String SELECTOR = "ed2026";
        public static final KeyPair KEYS = generate("Ed25519", 0);

        @Override
        public Map<String, String> getConfigOverrides() {
            return withKey(super.getConfigOverrides(), SELECTOR, KEYS);
        }
    }

    /** The DNS TXT record a receiver would find for the key. */
    public static String txtRecord(KeyPair keys) {
        byte[] encoded = keys.getPublic().getEncoded();
        if (keys.getPublic().getAlgorithm().equals("RSA")) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(encoded);
        }
        // RFC 8463: the bare 32-byte key, not its X.509 wrapping (12 bytes of header).
        byte[] raw = java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw);
    }

    private static Map<String, String> withKey(Map<String, String> base, String selector, KeyPair keys) {
        Map<String, String> config = new HashMap<>(base);
        config.put("candor.notification.email.dkim.enabled", "true");
        config.put("candor.notification.email.dkim.domains.\"" + DOMAIN + "\".selector", selector);
        config.put("candor.notification.email.dkim.domains.\"" + DOMAIN + "\".private-key-file", pemFile(keys).toString());
        return config;
    }

    private static Path pemFile(KeyPair keys) {
        try {
            Path file = Files.createTempFile("candor-dkim", ".pem");
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
