package org.candor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * An RS256 key pair and the tokens it signs: for tests, and for local runs where no identity
 * provider exists. The private key never leaves the directory it was created in.
 */
public final class JwtIssuer {

    /** The issuer every Candor service expects in local runs and tests. */
    public static final String ISSUER = "https://candor.local/issuer";

    /** The audience every Candor service accepts: one shared audience for the whole suite. */
    public static final String AUDIENCE = "candor";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private JwtIssuer(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair kept in {@code directory}, or makes one there on first use. */
    public static JwtIssuer inDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateFile = directory.resolve("jwt-private.pem");
            Path publicFile = directory.resolve("jwt-public.pem");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                restrictToOwner(privateFile);
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile))));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicFile))));
            if (publicKey == null) {
                throw new IllegalStateException("No public key in " + publicFile);
            }
            return new JwtIssuer(privateKey, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Unreadable key pair in " + directory, e);
        }
    }

    /** The PEM file services verify tokens with. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A bearer token for {@code subject} holding {@code roles}, valid for {@code lifetime}. */
    public String token(String subject, Duration lifetime, String... roles) {
        return token(ISSUER, AUDIENCE, subject, lifetime, roles);
    }

    /** A token from {@code issuer} for {@code audience}, signed with this key: for tests of rejection. */
    public String token(String issuer, String audience, String subject, Duration lifetime, String... roles) {
        return Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(roles))
                .expiresIn(lifetime)
                .jws().keyId("candor-local")
                .sign(privateKey);
    }

    /** A token that expired an hour ago, for tests of rejection. */
    public String expiredToken(String subject, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .groups(Set.of(roles))
                .issuedAt(now - 7200)
                .expiresAt(now - 3600)
                .sign(privateKey);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions apply.
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    }
}
