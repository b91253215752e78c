package org.candor.notification.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.candor.notification.config.NotificationConfig;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

import io.quarkus.logging.Log;

/**
 * DKIM-signs each message with the key of its {@code From} domain, through simple-java-mail's
 * utils-mail-dkim (rsa-sha256, or ed25519-sha256 of RFC 8463 for an Ed25519 key), relaxed/relaxed
 * canonicalisation. The signature covers From, Sender, Reply-To, To, Subject, Date, Message-ID, the
 * MIME headers, {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} (RFC 8058 requires both to
 * be signed) and {@code Auto-Submitted}. Off when the relay signs ({@code dkim.enabled=false}).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class DkimSigning {

    /** What signs, when signing is on. */
    record Key(String domain, String selector, PrivateKey privateKey) {

        SigningAlgorithm algorithm() {
            return privateKey instanceof EdDSAPrivateKey ? SigningAlgorithm.SHA256_WITH_ED25519
                    : SigningAlgorithm.SHA256_WITH_RSA;
        }
    }

    private static final int MIN_RSA_BITS = 2048;

    /**
     * utils-mail-dkim 3.2 signs Ed25519 through the JCA name {@code NONEwithEdDSA} and feeds it the
     * canonicalised header data itself; RFC 8463 (3.) signs the SHA-256 hash of that data with pure
     * Ed25519, and receivers (dkimpy, OpenDKIM, Gmail) verify it so. This provider answers that name
     * with exactly that: SHA-256 of what the library passes, then Bouncy Castle's Ed25519. No
     * cryptography of its own, only the order the RFC prescribes.
     */
    static final class Rfc8463Provider extends java.security.Provider {

        Rfc8463Provider() {
            super("CandorDkimEd25519", "1.0", "ed25519-sha256 of RFC 8463 for utils-mail-dkim");
            put("Signature.NONEwithEdDSA", Sha256ThenEd25519.class.getName());
        }
    }

    /** SHA-256 of the data, signed (or verified) by Bouncy Castle's pure Ed25519. */
    public static final class Sha256ThenEd25519 extends java.security.SignatureSpi {

        private final java.security.MessageDigest sha256;
        private final java.security.Signature ed25519;

        public Sha256ThenEd25519() throws java.security.GeneralSecurityException {
            this.sha256 = java.security.MessageDigest.getInstance("SHA-256");
            this.ed25519 = java.security.Signature.getInstance("Ed25519", new BouncyCastleProvider());
        }

        @Override
        protected void engineInitVerify(java.security.PublicKey publicKey) throws java.security.InvalidKeyException {
            sha256.reset();
            ed25519.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws java.security.InvalidKeyException {
            sha256.reset();
            ed25519.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) {
            sha256.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            sha256.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws java.security.SignatureException {
            ed25519.update(sha256.digest());
            return ed25519.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws java.security.SignatureException {
            ed25519.update(sha256.digest());
            return ed25519.verify(signature);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new java.security.InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            return null;
        }
    }

    static {
        if (java.security.Security.getProvider("CandorDkimEd25519") == null) {
            java.security.Security.addProvider(new Rfc8463Provider());
        }
    }

    private final Key key;
    private final Session session = Session.getInstance(new Properties());
    /** A signer per sender thread: the library's signer keeps state while it signs. */
    private final ThreadLocal<DkimSigner> signers;

    DkimSigning(NotificationConfig config) {
        NotificationConfig.Dkim dkim = config.email().dkim();
        if (dkim.enabled() && config.email().transport() == NotificationConfig.Email.Transport.MAILER) {
            throw new IllegalStateException("candor.notification.email.dkim signs for the smtp transport; the mailer "
                    + "transport signs with quarkus.mailer.dkim.* instead");
        }
        this.key = dkim.enabled() ? key(MimeComposer.address(config.email().from()), dkim.domains()) : null;
        this.signers = ThreadLocal.withInitial(this::signer);
        if (key != null) {
            signer();
            Log.infof("DKIM: signing as %s with selector %s (%s)", key.domain(), key.selector(), key.algorithm().getDkimNotation());
        }
    }

    public boolean enabled() {
        return key != null;
    }

    /** The message (as {@link MimeComposer#message} wrote it) with its DKIM-Signature header first; as it is when off. */
    public byte[] sign(byte[] message) {
        if (key == null) {
            return message;
        }
        try {
            DkimMessage signed = new DkimMessage(new MimeMessage(session, new ByteArrayInputStream(message)), signers.get());
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
            signed.writeTo(out);
            byte[] bytes = out.toByteArray();
            return endsWithCrlf(bytes) ? bytes : append(bytes, new byte[] {'\r', '\n'});
        } catch (MessagingException | IOException e) {
            // A message that cannot be signed would not be signable on a retry either.
            throw new PermanentDeliveryException("DKIM signing failed: " + e.getMessage());
        }
    }

    private DkimSigner signer() {
        if (key == null) {
            return null;
        }
        try {
            DkimSigner signer = key.privateKey() instanceof EdDSAPrivateKey ed
                    ? new DkimSigner(key.domain(), key.selector(), ed)
                    : new DkimSigner(key.domain(), key.selector(), (RSAPrivateKey) key.privateKey());
            signer.setSigningAlgorithm(key.algorithm());
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setCheckDomainKey(false);
            signer.setLengthParam(false);
            signer.addHeaderToSign("List-Unsubscribe-Post");
            signer.addHeaderToSign("Auto-Submitted");
            return signer;
        } catch (org.simplejavamail.utils.mail.dkim.DkimException e) {
            throw new IllegalStateException("DKIM: the key for " + key.domain() + " cannot sign: " + e.getMessage(), e);
        }
    }

    /** The configured key of the sender's domain; the service does not start when signing is on and it is missing. */
    static Key key(String fromAddress, Map<String, NotificationConfig.DkimKey> domains) {
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        NotificationConfig.DkimKey configured = domains.entrySet().stream()
                .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals(domain)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new IllegalStateException("DKIM signing is on but there is no key for the "
                        + "sender's domain: set candor.notification.email.dkim.domains.\"" + domain + "\".selector and "
                        + ".private-key-file, or turn candor.notification.email.dkim.enabled off where the relay signs"));
        String pem;
        try {
            pem = configured.privateKeyFile().isPresent() ? Files.readString(Path.of(configured.privateKeyFile().get()))
                    : configured.privateKey().orElseThrow(() -> new IllegalStateException(
                            "DKIM: no private-key-file or private-key for " + domain));
        } catch (IOException e) {
            throw new UncheckedIOException("DKIM: cannot read the private key of " + domain, e);
        }
        PrivateKey privateKey = parse(pem, domain);
        if (privateKey instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalStateException("DKIM: the RSA key of " + domain + " has " + rsa.getModulus().bitLength()
                    + " bits; receivers expect at least " + MIN_RSA_BITS);
        }
        return new Key(domain, configured.selector(), privateKey);
    }

    /** A PEM private key: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
    static PrivateKey parse(String pem, String domain) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider());
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (read instanceof PrivateKeyInfo info) {
                PrivateKey parsed = converter.getPrivateKey(info);
                if (parsed instanceof RSAPrivateKey || parsed instanceof EdDSAPrivateKey) {
                    return parsed;
                }
            }
            throw new IllegalStateException("DKIM: the private key of " + domain + " is neither RSA nor Ed25519 (PEM, unencrypted)");
        } catch (IOException e) {
            throw new UncheckedIOException("DKIM: cannot parse the private key of " + domain, e);
        }
    }

    private static boolean endsWithCrlf(byte[] bytes) {
        return bytes.length >= 2 && bytes[bytes.length - 2] == '\r' && bytes[bytes.length - 1] == '\n';
    }

    private static byte[] append(byte[] first, byte[] second) {
        byte[] joined = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
