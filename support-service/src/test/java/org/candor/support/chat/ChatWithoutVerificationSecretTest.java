package org.candor.support.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.chat.ChatTestSupport.WAIT;
import static org.candor.support.chat.ChatTestSupport.customer;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** A chat that cannot go on, because no verification secret is configured, says so and leaves nothing behind. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@TestProfile(ChatWithoutVerificationSecretTest.NoSecret.class)
class ChatWithoutVerificationSecretTest {

    /** The test profile's secret removed. */
    public static class NoSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.candor.support.verification.secret", "");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    @Test
    void theWidgetIsToldAndNoTicketOrSessionIsLeft() throws Exception {
        long ticketsBefore = count("select count(*) from ticket where channel = 'CHAT'");
        long sessionsBefore = count("select count(*) from chat_session");

        JsonPath error;
        try (WsClient chat = customer(base, null)) {
            error = chat.await("error", WAIT);
        }

        assertThat(error.getInt("problem.status")).isEqualTo(503);
        assertThat(error.getString("problem.detail")).isEqualTo("Customer verification is not configured");
        assertThat(count("select count(*) from ticket where channel = 'CHAT'")).isEqualTo(ticketsBefore);
        assertThat(count("select count(*) from chat_session")).isEqualTo(sessionsBefore);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
