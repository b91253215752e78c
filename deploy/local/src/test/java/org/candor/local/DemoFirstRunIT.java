package org.candor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A newcomer's first run: the demo of {@code ./candor up --demo} tells its demo customers, {@code ./candor mail} shows
 * what one received, and that customer verifies in the live chat with the code mailed to them, over the chat
 * widget's WebSocket, the five services each on its own port as the local run starts them.
 */
class DemoFirstRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private static Suite suite;

    @BeforeAll
    static void startTheSuiteAndRunTheDemo() throws Exception {
        Path root = Path.of(System.getProperty("candor.root", "../..")).toAbsolutePath().normalize();
        suite = new Suite(root, Files.createTempDirectory("candor-demo-it"), Suite.Ports.free())
                .startInfrastructure()
                .startServices(ServiceSpec.ALL);
        Map<String, String> urls = new LinkedHashMap<>();
        ServiceSpec.ALL.forEach(spec -> urls.put(spec.name(), "http://127.0.0.1:" + suite.ports().services().get(spec.name())));
        Demo demo = new Demo(suite.jwt(), urls);
        Demo.Result declared = demo.run(Duration.ofSeconds(60));
        assertThat(declared.arrivals()).hasSize(Demo.READER_ROLE.size());
        demo.tellDemoCustomers(declared.incidentId());
        awaitKnownToSupport(Demo.demoCustomerEmails().size());
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyDemoCustomerReceivesTheBreachNoticeAndCandorMailShowsIt() throws Exception {
        for (String customer : Demo.demoCustomerEmails()) {
            awaitMail(customer, subject -> subject.contains("security incident") || subject.contains("Sicherheitsvorfall"));
        }

        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        int count;
        try {
            count = new LocalMail(suite.ports().imap()).print(Demo.demoCustomerEmails().get(1));
        } finally {
            System.setOut(console);
        }
        assertThat(count).isEqualTo(1);
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("Subject: Wichtig: Ein Sicherheitsvorfall betrifft Ihre persönlichen Daten")
                .contains("Guten Tag Erika Mustermann");
    }

    @Test
    void aDemoCustomerVerifiesInTheLiveChatWithTheCodeMailedToThem() throws Exception {
        String customer = Demo.demoCustomerEmails().get(0);
        awaitMail(customer, subject -> subject.contains("security incident"));
        URI chat = URI.create(suite.service("support-service").baseUrl().replaceFirst("^http", "ws") + "/chat/customer?locale=en");
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(chat, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            await(frames, frame -> "queued".equals(frame.path("type").asText()) || frame.has("sessionId"));
            int mailsBefore = mailTo(customer).size();
            socket.sendText("{\"type\":\"request-code\",\"contact\":\"" + customer + "\"}", true).get(5, TimeUnit.SECONDS);
            await(frames, frame -> "code-requested".equals(frame.path("status").asText()));
            MimeMessage codeMail = awaitMailAfter(customer, mailsBefore);
            Matcher code = CODE.matcher(PublicSubscriptions.text(codeMail));
            assertThat(code.find()).as("a code in the email").isTrue();

            socket.sendText("{\"type\":\"verify-code\",\"code\":\"" + code.group(1) + "\"}", true).get(5, TimeUnit.SECONDS);

            JsonNode verified = await(frames, frame -> "verified".equals(frame.path("status").asText()));
            assertThat(verified.path("type").asText()).isEqualTo("verification");
        } finally {
            socket.abort();
        }
    }

    /** Support learns of the imported customers from incident-service's events; a chat can verify them after that. */
    private static void awaitKnownToSupport(int customers) throws Exception {
        ServiceSpec support = ServiceSpec.named("support-service");
        Instant deadline = Instant.now().plusSeconds(60);
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(suite.jdbcUrl(support.database()),
                support.database(), suite.databasePassword(support));
                java.sql.PreparedStatement known = db.prepareStatement(
                        "select count(*) from affected_customer where customer_id like 'DEMO-%'")) {
            while (Instant.now().isBefore(deadline)) {
                try (java.sql.ResultSet row = known.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= customers) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("support-service never learned of the demo customers");
    }

    private static JsonNode await(List<JsonNode> frames, Predicate<JsonNode> match) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode frame : frames) {
                if (match.test(frame)) {
                    return frame;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No such frame within 30 s; received " + frames);
    }

    private static List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : suite.mail().getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().contains(address))) {
                mails.add(message);
            }
        }
        return mails;
    }

    private static void awaitMail(String address, Predicate<String> subject) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage mail : mailTo(address)) {
                if (subject.test(mail.getSubject())) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No such mail to " + address + " within 60 s");
    }

    private static MimeMessage awaitMailAfter(String address, int before) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> mails = mailTo(address);
            if (mails.size() > before) {
                return mails.get(mails.size() - 1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No new mail to " + address + " within 60 s");
    }
}
