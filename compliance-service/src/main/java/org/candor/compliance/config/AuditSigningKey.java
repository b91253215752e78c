package org.candor.compliance.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.candor.platform.config.ProductionReadiness;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * The Ed25519 key the audit chain's checkpoints are signed with. It is read from a file (a mounted Secret), never
 * from or into the database, so whoever can rewrite the database cannot sign a checkpoint. The public key is
 * derived from it and published ({@code GET /api/audit/public-key}); its key id is the SHA-256 (hex) of the public
 * key's DER encoding (X.509 SubjectPublicKeyInfo), as {@code openssl pkey -pubin -outform DER | sha256sum} gives it.
 */
@ApplicationScoped
@Startup
public class AuditSigningKey {

    /** The setting that names the private key file. */
    public static final String PROPERTY = "candor.compliance.audit.signing-key-location";
    public static final String ALGORITHM = "Ed25519";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    @Inject
    AuditSigningKey(ComplianceConfig config) {
        this(keys(config.audit().signingKeyLocation(), LaunchMode.current().isDevOrTest()));
    }

    AuditSigningKey(KeyPair keys) {
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic();
        this.keyId = keyId(publicKey);
    }

    /**
     * The key pair from {@code location}; without one, a key made now where {@code ephemeralAllowed} (dev and
     * test), else an error naming the setting: a service that cannot sign checkpoints does not start.
     */
    static KeyPair keys(Optional<Path> location, boolean ephemeralAllowed) {
        if (location.isPresent()) {
            return read(location.get());
        }
        if (!ephemeralAllowed) {
            throw new IllegalStateException(PROPERTY + " (env " + ProductionReadiness.environmentName(PROPERTY)
                    + ") is not set: the audit chain's checkpoints are signed with an Ed25519 private key read from"
                    + " that file (PKCS#8 PEM, e.g. openssl genpkey -algorithm ed25519), mounted from a Secret");
        }
        KeyPair generated = generate(null);
        Log.warnf("%s is not set: checkpoints are signed with a key made for this process only (key id %s);"
                + " they stop verifying once it restarts with another key", PROPERTY, keyId(generated.getPublic()));
        return generated;
    }

    /** Reads a PKCS#8 PEM Ed25519 private key and derives its public key. */
    static KeyPair read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw invalid(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Matcher block = PEM.matcher(pem);
        if (!block.find()) {
            throw invalid(file, "holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        EdECPrivateKey key;
        try {
            key = (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(block.group(1))));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw invalid(file, "is not an Ed25519 private key");
        }
        byte[] seed = key.getBytes().orElseThrow(() -> invalid(file, "holds a key whose bytes cannot be read"));
        KeyPair derived = generate(seed);
        // The JDK derives the public key only while generating a pair: it is generated from the key's own bytes,
        // and both checks below make sure that is what happened.
        byte[] derivedSeed = ((EdECPrivateKey) derived.getPrivate()).getBytes().orElseThrow();
        if (!Arrays.equals(seed, derivedSeed) || !signs(key, derived.getPublic())) {
            throw invalid(file, "holds a key whose public key could not be derived");
        }
        return new KeyPair(derived.getPublic(), key);
    }

    /** Base64 of the Ed25519 signature over the text's UTF-8 bytes. */
    public String sign(String text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether {@code signatureBase64} is this key's signature over {@code text}; false for anything malformed. */
    public boolean verifies(String text, String signatureBase64) {
        if (signatureBase64 == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** SHA-256 (hex) of the public key's DER encoding. */
    public String keyId() {
        return keyId;
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), for {@code openssl pkeyutl -verify}. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A new pair; from {@code seed} as its private key when given (the generator draws exactly the key's bytes). */
    private static KeyPair generate(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, seed == null ? new SecureRandom() : new Seed(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private static boolean signs(PrivateKey key, PublicKey publicKey) {
        try {
            byte[] probe = "candor-audit-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static IllegalStateException invalid(Path file, String problem) {
        return new IllegalStateException(PROPERTY + " (env " + ProductionReadiness.environmentName(PROPERTY) + "): "
                + file + " " + problem);
    }

    /** Hands the generator the private key's bytes instead of random ones. */
    private static final class Seed extends SecureRandom {

        private static final long serialVersionUID = 1L;

        private final transient byte[] seed;

        Seed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Expected a request for " + seed.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
