package org.candor.support.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.agent;
import static org.candor.support.chat.ChatTestSupport.WAIT;
import static org.candor.support.chat.ChatTestSupport.customer;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.support.MutableClock;
import org.candor.support.TestData;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Verifying the customer in chat over the real socket, with codes read from the notification requests
 * support publishes on the real broker: only a code sent to the address on record and typed into the
 * same chat verifies it.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ChatVerificationTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    MutableClock clock;

    @Inject
    DataSource dataSource;

    /** A customer on record with an email address and a phone number of their own. */
    record Customer(String id, String email, String phone) {
    }

    @BeforeEach
    void relayReady() throws Exception {
        ChatTestSupport.awaitRelay(base);
    }

    @Test
    void codeSentToTheEmailOnRecordVerifiesTheChatItWasAskedFrom() throws Exception {
        Customer erika = onRecord();
        try (WsClient chat = customer(base, null)) {
            String sessionId = chat.await("queued", WAIT).getString("sessionId");
            chat.send(requestCode("  " + erika.email().toUpperCase() + " "));
            JsonPath answer = chat.await(f -> "code-requested".equals(f.getString("status")), WAIT);
            JsonPath request = new JsonPath(codeRequest(erika.email()).value());

            chat.send(verifyCode(request.getString("parameters.code")));
            JsonPath verified = chat.await(f -> "verified".equals(f.getString("status")), WAIT);

            assertThat(answer.getString("channel")).isEqualTo("email");
            assertThat(request.getString("recipient.customerId")).isNull();
            assertThat(request.getString("recipient.phone")).isNull();
            assertThat(request.getBoolean("mandatory")).isFalse();
            assertThat(verified.getString("sessionId")).isEqualTo(sessionId);
            assertThat(verified.getString("method")).isEqualTo("EMAIL_CODE");
            assertThat(historyOf(erika.id())).contains("verified by EMAIL_CODE");
        }
    }

    @Test
    void codeSentBySmsToThePhoneOnRecordVerifiesTheChat() throws Exception {
        Customer erika = onRecord();
        String typed = erika.phone().substring(0, 3) + " " + erika.phone().substring(3, 6) + "-" + erika.phone().substring(6);
        try (WsClient chat = customer(base, null)) {
            chat.await("queued", WAIT);
            chat.send(requestCode(typed));
            JsonPath request = new JsonPath(codeRequest(erika.phone()).value());

            chat.send(verifyCode(request.getString("parameters.code")));
            JsonPath verified = chat.await(f -> "verified".equals(f.getString("status")), WAIT);

            assertThat(request.getString("recipient.phone")).isEqualTo(erika.phone());
            assertThat(request.getString("recipient.email")).isNull();
            assertThat(request.getBoolean("urgent")).isTrue();
            assertThat(verified.getString("method")).isEqualTo("SMS_CODE");
        }
    }

    @Test
    void anAddressOnRecordForNobodyGetsTheSameAnswerAndNoMessage() throws Exception {
        Customer erika = onRecord();
        String stranger = "nobody-" + UUID.randomUUID() + "@example.net";
        try (WsClient unknown = customer(base, null); WsClient known = customer(base, null)) {
            unknown.await("queued", WAIT);
            known.await("queued", WAIT);
            unknown.send(requestCode(stranger));
            JsonPath unknownAnswer = unknown.await(f -> "verification".equals(f.getString("type")), WAIT);
            known.send(requestCode(erika.email()));
            JsonPath knownAnswer = known.await(f -> "verification".equals(f.getString("type")), WAIT);
            // The relay publishes in commit order: once the later request is on the topic, the earlier would be too.
            codeRequest(erika.email());

            assertThat(without(unknownAnswer, "sessionId")).isEqualTo(without(knownAnswer, "sessionId"));
            assertThat(TestKafka.readAll(Topics.NOTIFICATION_REQUESTS)).noneMatch(r -> r.value().contains(stranger));
        }
    }

    @Test
    void anotherCustomersAddressDoesNotLetAVisitorTakeOverTheChat() throws Exception {
        Customer victim = onRecord();
        try (WsClient attacker = customer(base, null)) {
            String sessionId = attacker.await("queued", WAIT).getString("sessionId");
            attacker.send(requestCode(victim.email()));
            String victimsCode = new JsonPath(codeRequest(victim.email()).value()).getString("parameters.code");

            for (int guess = 0; guess < 5; guess++) {
                int mark = attacker.mark();
                attacker.send(verifyCode(wrong(victimsCode, guess)));
                attacker.awaitAfter(mark, f -> "verification".equals(f.getString("type")), WAIT);
            }
            int mark = attacker.mark();
            attacker.send(verifyCode(victimsCode));
            JsonPath refused = attacker.awaitAfter(mark, f -> "error".equals(f.getString("type")), WAIT);

            assertThat(attacker.latest("verification").getString("status")).isEqualTo("locked");
            assertThat(refused.getInt("problem.status")).isEqualTo(409);
            assertThat(attacker.received(f -> "verified".equals(f.getString("status")))).isFalse();
            assertThat(verifiedCustomerOf(sessionId)).isNull();
        }
    }

    @Test
    void theCodeWorksOnlyInTheChatItWasAskedFrom() throws Exception {
        Customer victim = onRecord();
        try (WsClient attacker = customer(base, null); WsClient victimsChat = customer(base, null)) {
            String attackerSession = attacker.await("queued", WAIT).getString("sessionId");
            victimsChat.await("queued", WAIT);
            attacker.send(requestCode(victim.email()));
            String code = new JsonPath(codeRequest(victim.email()).value()).getString("parameters.code");

            // The victim types the code they received into their own chat: it verifies neither chat.
            victimsChat.send(verifyCode(code));
            JsonPath answer = victimsChat.await(f -> "error".equals(f.getString("type")), WAIT);

            assertThat(answer.getInt("problem.status")).isEqualTo(409);
            assertThat(victimsChat.received(f -> "verified".equals(f.getString("status")))).isFalse();
            assertThat(verifiedCustomerOf(attackerSession)).isNull();
        }
    }

    @Test
    void aVerificationLinkInTheAddressOpensANewUnverifiedChat() throws Exception {
        try (WsClient opened = customer(base, "verify=anything")) {
            JsonPath frame = opened.await(f -> f.getString("resumeToken") != null, WAIT);

            assertThat(frame.getString("type")).isEqualTo("queued");
            assertThat(frame.getBoolean("verified")).isFalse();
        }
    }

    @Test
    void aResendKeepsTheCountOfWrongCodes() throws Exception {
        Customer erika = onRecord();
        try (WsClient chat = customer(base, null)) {
            chat.await("queued", WAIT);
            chat.send(requestCode(erika.email()));
            String first = new JsonPath(codeRequest(erika.email()).value()).getString("parameters.code");
            for (int guess = 0; guess < 3; guess++) {
                int mark = chat.mark();
                chat.send(verifyCode(wrong(first, guess)));
                chat.awaitAfter(mark, f -> "failed".equals(f.getString("status")), WAIT);
            }
            int mark = chat.mark();
            chat.send(requestCode(erika.email()));
            chat.awaitAfter(mark, f -> "code-requested".equals(f.getString("status")), WAIT);
            await().atMost(WAIT).until(() -> codeRequests(erika.email()).size() == 2);
            String second = new JsonPath(codeRequests(erika.email()).get(1).value()).getString("parameters.code");

            mark = chat.mark();
            chat.send(verifyCode(wrong(second, 0)));
            JsonPath fourth = chat.awaitAfter(mark, f -> "verification".equals(f.getString("type")), WAIT);

            assertThat(fourth.getString("status")).isEqualTo("failed");
            assertThat(fourth.getInt("attemptsLeft")).isEqualTo(1);
        }
    }

    @Test
    void aChatGetsAtMostFiveCodes() throws Exception {
        Customer erika = onRecord();
        try (WsClient chat = customer(base, null)) {
            chat.await("queued", WAIT);
            for (int i = 0; i < 5; i++) {
                int mark = chat.mark();
                chat.send(requestCode("other-" + i + "-" + erika.email()));
                chat.awaitAfter(mark, f -> "code-requested".equals(f.getString("status")), WAIT);
            }
            int mark = chat.mark();
            chat.send(requestCode(erika.email()));
            JsonPath sixth = chat.awaitAfter(mark, f -> "error".equals(f.getString("type")), WAIT);

            assertThat(sixth.getInt("problem.status")).isEqualTo(429);
        }
    }

    @Test
    void aCustomerGetsAtMostFiveCodesAnHourOverAllChats() throws Exception {
        Customer erika = onRecord();
        for (int i = 0; i < 5; i++) {
            try (WsClient chat = customer(base, null)) {
                chat.await("queued", WAIT);
                chat.send(requestCode(erika.email()));
                chat.await(f -> "code-requested".equals(f.getString("status")), WAIT);
            }
        }
        await().atMost(WAIT).until(() -> codeRequests(erika.email()).size() == 5);
        try (WsClient sixth = customer(base, null)) {
            sixth.await("queued", WAIT);
            sixth.send(requestCode(erika.email()));
            JsonPath answer = sixth.await(f -> "verification".equals(f.getString("type")), WAIT);
            clock.advance(Duration.ofMinutes(61));
            try (WsClient later = customer(base, null)) {
                later.await("queued", WAIT);
                later.send(requestCode(erika.email()));
                await().atMost(WAIT).until(() -> codeRequests(erika.email()).size() == 6);
            }

            assertThat(answer.getString("status")).isEqualTo("code-requested");
            assertThat(codeRequests(erika.email())).hasSize(6);
        }
    }

    /** A customer with addresses of their own, once support-service has them on record. */
    private Customer onRecord() {
        String id = "C-" + UUID.randomUUID();
        Customer customer = new Customer(id, "erika." + UUID.randomUUID() + "@example.org",
                "+4917" + ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L));
        TestData.sendAffected(UUID.randomUUID(), id, "de", customer.email(), customer.phone());
        await().atMost(WAIT).until(() -> count("select count(*) from customer_contact where customer_id = ?", id) == 1);
        return customer;
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private String verifiedCustomerOf(String sessionId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select verified_customer_id from chat_session where id = ?")) {
            statement.setObject(1, UUID.fromString(sessionId));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static List<String> historyOf(String customerId) {
        String ticketId = agent().queryParam("customerId", customerId).get("/api/tickets").then().extract().path("items[0].id");
        assertThat(ticketId).isNotNull();
        return agent().get("/api/tickets/" + ticketId + "/history").then().extract().jsonPath().getList("detail", String.class);
    }

    private static ConsumerRecord<String, String> codeRequest(String address) {
        return TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains("\"" + address + "\"") && r.value().contains("support-verification-code"),
                Duration.ofSeconds(30));
    }

    private static List<ConsumerRecord<String, String>> codeRequests(String address) {
        return TestKafka.readAll(Topics.NOTIFICATION_REQUESTS).stream()
                .filter(r -> r.value().contains("\"" + address + "\"") && r.value().contains("support-verification-code"))
                .toList();
    }

    private static Map<String, Object> without(JsonPath frame, String key) {
        Map<String, Object> map = new java.util.HashMap<>(frame.getMap(""));
        map.remove(key);
        return map;
    }

    private static String requestCode(String contact) {
        return "{\"type\":\"request-code\",\"contact\":\"" + contact + "\"}";
    }

    private static String verifyCode(String code) {
        return "{\"type\":\"verify-code\",\"code\":\"" + code + "\"}";
    }

    /** A six-digit code other than {@code code}, different for each {@code n}. */
    private static String wrong(String code, int n) {
        return String.format("%06d", (Integer.parseInt(code) + 1 + n) % 1_000_000);
    }
}
