package org.candor.notification.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.candor.notification.service.EmailMessages;
import org.candor.notification.service.MessageCatalog;
import org.candor.notification.service.OptOutLinks;
import org.candor.notification.support.DefaultEmails;
import org.candor.notification.support.DkimProfiles;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * In-app DKIM signing with an Ed25519 key (ed25519-sha256, RFC 8463), verified by Debian's
 * {@code python3-dkim} (dkimpy), which checks Ed25519 signatures; Apache jDKIM does not. Skipped where
 * it is not installed, unless {@code CANDOR_REQUIRE_DKIMPY=true} (as in CI).
 */
@QuarkusTest
@TestProfile(DkimProfiles.Ed25519.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class DkimEd25519SigningTest {

    private static final String VERIFY = """
            import sys, dkim
            record = sys.argv[1].encode()
            message = sys.stdin.buffer.read()
            print("pass" if dkim.verify(message, dnsfunc=lambda name, timeout=5: record) else "fail")
            """;

    @Inject
    EmailMessages messages;

    @Inject
    EmailClient email;

    @Inject
    OptOutLinks optOutLinks;

    @BeforeEach
    void dkimpy() {
        boolean installed = Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/dkim"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CANDOR_REQUIRE_DKIMPY"))) {
            throw new IllegalStateException("python3-dkim is required but not installed");
        }
        Assumptions.assumeTrue(installed, "python3-dkim is not installed");
    }

    private static String verify(byte[] message) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", VERIFY,
                DkimProfiles.txtRecord(DkimProfiles.Ed25519.KEYS)).redirectErrorStream(true).start();
        process.getOutputStream().write(message);
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void aSurveyInvitationAsReceivedCarriesAValidEd25519Signature() throws Exception {
        DefaultEmails.Sent sent = DefaultEmails.send(messages, email, optOutLinks, "survey-invitation", "en");

        assertThat(new String(sent.raw(), StandardCharsets.UTF_8)).contains("a=ed25519-sha256")
                .contains("s=" + DkimProfiles.Ed25519.SELECTOR).contains("d=" + DkimProfiles.DOMAIN);
        assertThat(verify(sent.raw())).isEqualTo("pass");
    }

    @Test
    void aChangedSubjectFailsTheEd25519Signature() throws Exception {
        DefaultEmails.Sent sent = DefaultEmails.send(messages, email, optOutLinks, MessageCatalog.BREACH_NOTICE, "de");
        String raw = new String(sent.raw(), StandardCharsets.UTF_8);
        String changed = raw.replaceFirst("\r\nSubject: [^\r]*", "\r\nSubject: Ihr Konto wird gesperrt");
        assertThat(changed).isNotEqualTo(raw);

        assertThat(verify(changed.getBytes(StandardCharsets.UTF_8))).isEqualTo("fail");
    }
}
