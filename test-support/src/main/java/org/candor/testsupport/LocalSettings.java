package org.candor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every Candor service refuses to start without outside dev and test (platform's
 * {@code ProductionReadiness}), with values for a run on this machine: the token's issuer and audience,
 * the organisation's identity, sender addresses, public links and fresh random keys (compliance-service's audit
 * signing key as a file). Used by the local run
 * and by every test that starts a packaged service as a process. None of these is a demo default, and
 * none would do for a real deployment either.
 */
public final class LocalSettings {

    /** The organisation local runs speak for. */
    public static final String ORGANISATION = "Candor local run";

    /** Where the local run's data-protection officer is reached (its mail stays in the local SMTP server). */
    public static final String DPO_CONTACT = "privacy@candor.localhost";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static Path auditSigningKey;

    private LocalSettings() {
    }

    /**
     * The environment, for services whose base URLs are given by name ({@code incident-service}, ...);
     * a service not given is assumed on its default port.
     */
    public static Map<String, String> environment(Map<String, String> baseUrls) {
        String incident = baseUrls.getOrDefault("incident-service", "http://127.0.0.1:8081");
        String notification = baseUrls.getOrDefault("notification-service", "http://127.0.0.1:8082");
        String support = baseUrls.getOrDefault("support-service", "http://127.0.0.1:8083");
        String feedback = baseUrls.getOrDefault("feedback-service", "http://127.0.0.1:8085");
        Map<String, String> env = new LinkedHashMap<>();
        // Off in production unless turned on; a local run is for trying the APIs.
        env.put("QUARKUS_SWAGGER_UI_ENABLE", "true");
        env.put("CANDOR_JWT_ISSUER", JwtIssuer.ISSUER);
        env.put("CANDOR_JWT_AUDIENCE", JwtIssuer.AUDIENCE);
        env.put("CANDOR_INCIDENT_LINK_SECRET", randomSecret());
        env.put("CANDOR_INCIDENT_PUBLIC_BASE_URL", incident);
        env.put("CANDOR_INCIDENT_SUPPORT_CHAT_URL", support + "/widget/");
        // Each service on its own port: the status page's message check goes to notification-service's host.
        env.put("CANDOR_INCIDENT_MESSAGE_CHECK_URL", notification + "/check");
        env.put("CANDOR_NOTIFICATION_ORGANISATION", ORGANISATION);
        env.put("CANDOR_NOTIFICATION_DPO_CONTACT", DPO_CONTACT);
        env.put("CANDOR_NOTIFICATION_STATUS_PAGE_URL", incident + "/status");
        env.put("CANDOR_NOTIFICATION_PUBLIC_BASE_URL", notification);
        env.put("CANDOR_NOTIFICATION_EMAIL_FROM", ORGANISATION + " <notifications@candor.localhost>");
        env.put("QUARKUS_MAILER_FROM", "notifications@candor.localhost");
        env.put("CANDOR_NOTIFICATION_SMS_FROM", "+4930901820");
        env.put("CANDOR_NOTIFICATION_SMS_STATUS_CALLBACK_URL", notification + "/api/receipts/sms");
        env.put("CANDOR_NOTIFICATION_OPT_OUT_SECRET", randomSecret());
        env.put("CANDOR_NOTIFICATION_RECEIPT_SECRET", randomSecret());
        // The local SMS gateway stubs accept any credentials.
        env.put("CANDOR_SMS_PRIMARY_AUTH_TOKEN", "local-auth-token");
        env.put("CANDOR_SMS_SECONDARY_AUTH_TOKEN", "local-auth-token");
        env.put("CANDOR_SUPPORT_VERIFICATION_SECRET", randomSecret());
        env.put("CANDOR_FEEDBACK_TOKEN_SECRET", randomSecret());
        env.put("CANDOR_COMPLIANCE_CALENDAR_LINK_SECRET", randomSecret());
        env.put("CANDOR_COMPLIANCE_AUDIT_SIGNING_KEY_LOCATION", auditSigningKey().toString());
        env.put("CANDOR_FEEDBACK_PUBLIC_BASE_URL", feedback);
        return env;
    }

    /**
     * A PKCS#8 PEM file of an Ed25519 key for compliance-service's audit checkpoints (what
     * {@code openssl genpkey -algorithm ed25519} writes), made once per JVM so that a service restarted during a run
     * keeps signing with the same key; it is deleted when the JVM ends.
     */
    public static synchronized Path auditSigningKey() {
        if (auditSigningKey == null) {
            try {
                KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Path file = TemporaryDirectories.create("candor-audit-key").resolve("signing-key.pem");
                Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
                auditSigningKey = file;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is not available", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return auditSigningKey;
    }

    /** 32 random bytes, hex. */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
