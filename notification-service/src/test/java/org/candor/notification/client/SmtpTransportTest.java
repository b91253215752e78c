package org.candor.notification.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.candor.notification.client.SmtpTransport.Login;
import org.candor.notification.client.SmtpTransport.RefusedException;
import org.candor.notification.client.SmtpTransport.Settings;
import org.candor.notification.client.SmtpTransport.StartTls;
import org.candor.notification.support.Aiosmtpd;
import org.candor.testsupport.FreePorts;
import org.candor.testsupport.SmtpSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.vertx.core.Vertx;

/**
 * The bulk SMTP transport against real servers: GreenMail (AUTH, implicit TLS, no PIPELINING) and
 * Postfix's smtp-sink (PIPELINING, refused commands, a relay that hangs up).
 */
class SmtpTransportTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private SmtpTransport transport;

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        for (AutoCloseable server : servers) {
            server.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private SmtpTransport transport(int port, boolean tls, StartTls startTls, Login login, String user, String password,
            int connections) {
        return transport(port, tls, startTls, login, user, password, connections, 0);
    }

    private SmtpTransport transport(int port, boolean tls, StartTls startTls, Login login, String user, String password,
            int connections, int messagesPerConnection) {
        transport = new SmtpTransport(vertx, new Settings("127.0.0.1", port, tls, startTls, login,
                Optional.ofNullable(user), Optional.ofNullable(password), tls, connections, "candor.test",
                Duration.ofMinutes(5), Duration.ofSeconds(10), messagesPerConnection));
        return transport;
    }

    private static byte[] message(String to) {
        return MimeComposer.compose(new MimeComposer.Email("Candor <notifications@candor.test>", to, "Sicherheitsvorfall",
                "<" + UUID.randomUUID() + "@candor.test>", ZonedDateTime.now(), "Guten Tag,\nwir informieren Sie.",
                "<p>Guten Tag,</p><p>wir informieren Sie.</p>"));
    }

    private static String send(SmtpTransport transport, String to) throws Exception {
        return transport.send("notifications@candor.test", to, message(to)).get(20, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(SmtpTransport transport, String to) {
        CompletableFuture<String> sending = transport.send("notifications@candor.test", to, message(to));
        try {
            sending.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no outcome", e);
        }
        throw new AssertionError("the message was accepted");
    }

    private GreenMail greenMail(String protocol) {
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", protocol));
        mail.start();
        servers.add(mail::stop);
        return mail;
    }

    private SmtpSink sink(String... options) {
        SmtpSink sink = SmtpSink.start(options);
        servers.add(sink);
        return sink;
    }

    @Test
    void pipelinedMessagesReachTheRelayOnceEachOverFewConnections() throws Exception {
        SmtpSink sink = sink();
        SmtpTransport smtp = transport(sink.port(), false, StartTls.OPTIONAL, Login.NONE, null, null, 4);
        List<String> recipients = IntStream.range(0, 300).mapToObj(i -> "customer" + i + "@example.test").toList();

        List<CompletableFuture<String>> sending = recipients.stream()
                .map(to -> smtp.send("notifications@candor.test", to, message(to))).toList();
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(sink.recipients()).containsExactlyInAnyOrderElementsOf(recipients);
        assertThat(sink.dump()).contains("Subject: Sicherheitsvorfall");
    }

    @Test
    void aRefusedRecipientIsPermanentAndTheConnectionTakesTheNextMessage() {
        SmtpSink sink = sink("-f", "RCPT");
        SmtpTransport smtp = transport(sink.port(), false, StartTls.OPTIONAL, Login.NONE, null, null, 1);

        Throwable first = failureOf(smtp, "first@example.test");
        Throwable second = failureOf(smtp, "second@example.test");

        assertThat(first).isInstanceOf(RefusedException.class);
        assertThat(((RefusedException) first).isPermanent()).isTrue();
        // Reset after the refusal, the same single connection answers the next message with a reply again.
        assertThat(second).isInstanceOf(RefusedException.class).hasMessageContaining("RCPT TO");
        assertThat(sink.recipients()).isEmpty();
    }

    @Test
    void aTemporaryRefusalIsWorthAnotherTryAndTheNextMessageGetsAFreshConnection() {
        SmtpSink sink = sink("-r", "RCPT");
        SmtpTransport smtp = transport(sink.port(), false, StartTls.OPTIONAL, Login.NONE, null, null, 1);

        Throwable first = failureOf(smtp, "first@example.test");
        Throwable second = failureOf(smtp, "second@example.test");

        assertThat(first).isInstanceOf(RefusedException.class);
        assertThat(((RefusedException) first).isPermanent()).isFalse();
        assertThat(second).isInstanceOf(RefusedException.class).hasMessageContaining("RCPT TO");
    }

    @Test
    void aConnectionIsReplacedOnceItCarriedTheRelaysLimitOfMessages() throws Exception {
        SmtpSink sink = sink();
        SmtpTransport smtp = transport(sink.port(), false, StartTls.OPTIONAL, Login.NONE, null, null, 1, 2);
        List<String> recipients = IntStream.range(0, 5).mapToObj(i -> "limited" + i + "@example.test").toList();

        for (String to : recipients) {
            send(smtp, to);
        }

        assertThat(sink.recipients()).containsExactlyElementsOf(recipients);
    }

    @Test
    void aRelayThatHangsUpDuringTheMessageIsAFailureWorthAnotherTry() {
        SmtpSink sink = sink("-q", "DATA");
        SmtpTransport smtp = transport(sink.port(), false, StartTls.OPTIONAL, Login.NONE, null, null, 2);

        Throwable failure = failureOf(smtp, "customer@example.test");

        assertThat(failure).isNotInstanceOf(RefusedException.class);
        assertThat(sink.recipients()).isEmpty();
    }

    @Test
    void aRelayThatIsDownIsAFailureWorthAnotherTry() {
        SmtpTransport smtp = transport(FreePorts.next(), false, StartTls.OPTIONAL, Login.NONE, null, null, 2);

        assertThat(failureOf(smtp, "customer@example.test")).isNotInstanceOf(RefusedException.class);
    }

    @Test
    void logsInWithTheConfiguredAccountAndDelivers() throws Exception {
        GreenMail mail = greenMail(ServerSetup.PROTOCOL_SMTP);
        mail.setUser("relay@candor.test", "relay", "s3cret");
        SmtpTransport smtp = transport(mail.getSmtp().getPort(), false, StartTls.OPTIONAL, Login.REQUIRED, "relay", "s3cret", 2);

        send(smtp, "customer@example.test");

        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("customer@example.test");
    }

    @Test
    void aWrongPasswordSendsNothing() {
        GreenMail mail = greenMail(ServerSetup.PROTOCOL_SMTP);
        mail.setUser("relay@candor.test", "relay", "s3cret");
        SmtpTransport smtp = transport(mail.getSmtp().getPort(), false, StartTls.OPTIONAL, Login.REQUIRED, "relay", "wrong", 2);

        assertThat(failureOf(smtp, "customer@example.test")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("AUTH");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void requiredStartTlsAgainstARelayWithoutItSendsNothingInTheClear() {
        GreenMail mail = greenMail(ServerSetup.PROTOCOL_SMTP);
        SmtpTransport smtp = transport(mail.getSmtp().getPort(), false, StartTls.REQUIRED, Login.NONE, null, null, 2);

        assertThat(failureOf(smtp, "customer@example.test")).hasMessageContaining("STARTTLS");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void deliversOverImplicitTls() throws Exception {
        GreenMail mail = greenMail(ServerSetup.PROTOCOL_SMTPS);
        // GreenMail's certificate is self-signed; the test trusts it (trust-all), production checks the chain and name.
        SmtpTransport smtp = transport(mail.getSmtps().getPort(), true, StartTls.DISABLED, Login.NONE, null, null, 2);

        send(smtp, "customer@example.test");

        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(new String(mail.getReceivedMessages()[0].getSubject().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).isEqualTo("Sicherheitsvorfall");
    }

    @Test
    void anAddressWithANonAsciiLocalPartGoesThroughARelayThatOffersSmtpUtf8() throws Exception {
        Aiosmtpd relay = Aiosmtpd.start();
        servers.add(relay);
        SmtpTransport smtp = transport(relay.port(), false, StartTls.OPTIONAL, Login.NONE, null, null, 1);
        EmailAddress address = EmailAddress.of("jörg.müller@bücher.example");
        byte[] message = MimeComposer.compose(new MimeComposer.Email("Candor <notifications@candor.test>",
                address.envelope(), "Sicherheitsvorfall", "<" + UUID.randomUUID() + "@candor.test>", ZonedDateTime.now(),
                "Guten Tag,\nwir informieren Sie.", "<p>Guten Tag,</p>"));

        smtp.send("notifications@candor.test", address.envelope(), address.needsSmtpUtf8(), message).get(20, TimeUnit.SECONDS);

        assertThat(address.needsSmtpUtf8()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.messages().size() == 1);
        String received = relay.messages().get(0);
        // The domain in its ASCII form (IDNA), the local part in UTF-8 (RFC 6532), in the header as in the envelope.
        assertThat(received).contains("To: jörg.müller@xn--bcher-kva.example\n");
        assertThat(received).contains("X-RcptTo: =?utf-8?b?"
                + java.util.Base64.getEncoder().encodeToString("jörg.müller@xn--bcher-kva.example".getBytes(StandardCharsets.UTF_8))
                + "?=");
    }

    @Test
    void aRelayWithoutSmtpUtf8FailsANonAsciiAddressAloneAndTakesTheNextMessage() throws Exception {
        SmtpSink sink = sink();
        SmtpTransport smtp = transport(sink.port(), false, StartTls.OPTIONAL, Login.NONE, null, null, 1);

        CompletableFuture<String> refused = smtp.send("notifications@candor.test", "jörg@example.test", true,
                message("jörg@example.test"));
        String accepted = send(smtp, "kim@example.test");

        assertThatThrownBy(() -> refused.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(SmtpTransport.ExtensionMissingException.class)
                .hasMessageContaining("SMTPUTF8");
        assertThat(accepted).isNotBlank();
        assertThat(sink.recipients()).containsExactly("kim@example.test");
    }

    @Test
    void aRecipientWithALineBreakIsRefusedWithoutTalkingToTheRelay() {
        SmtpTransport smtp = transport(FreePorts.next(), false, StartTls.OPTIONAL, Login.NONE, null, null, 1);

        assertThatThrownBy(() -> smtp.send("notifications@candor.test", "a@example.test>\r\nRCPT TO:<b@example.test",
                new byte[0]).get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RefusedException.class);
    }
}
