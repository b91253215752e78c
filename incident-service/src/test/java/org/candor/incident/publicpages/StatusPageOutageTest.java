package org.candor.incident.publicpages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.candor.testsupport.CandorTestResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** The status page while the service cannot reach PostgreSQL: its database refuses every connection. */
@QuarkusTest
@TestProfile(StatusPageOutageTest.RebuildOnEveryRequest.class)
@WithTestResource(CandorTestResource.class)
class StatusPageOutageTest {

    /** Every request finds the cached copy too old and tries to rebuild it, so the outage is hit for sure. */
    public static class RebuildOnEveryRequest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.incident.status-page.max-age", "PT0S",
                    "candor.incident.status-page.retry-after-failure", "PT0S",
                    "quarkus.datasource.jdbc.acquisition-timeout", "PT1S");
        }
    }

    @Test
    void theLastGoodPageIsServedWhilePostgresIsDown() throws Exception {
        String title = "Outage " + UUID.randomUUID();
        StatusPageCacheTest.incidentWithPublicUpdate(title, "We are investigating.");
        Response good = given().get("/status?lang=en");
        assertThat(good.asString()).contains(title);

        try (Database database = Database.takenDown()) {
            await().atMost(Duration.ofSeconds(10)).until(database::serviceLostItsConnections);
            for (int i = 0; i < 5; i++) {
                Response during = given().get("/status?lang=en");
                assertThat(during.statusCode()).isEqualTo(200);
                assertThat(during.header("ETag")).isEqualTo(good.header("ETag"));
                assertThat(during.asString()).contains(title);
            }
        }
    }

    @Test
    void aLanguageNeverRenderedBeforeIsAProblemWhilePostgresIsDown() throws Exception {
        try (Database database = Database.takenDown()) {
            await().atMost(Duration.ofSeconds(10)).until(database::serviceLostItsConnections);

            given().get("/status/feed.atom?lang=de").then().statusCode(503).contentType("application/problem+json");
        }
    }

    /** The service's database, made to refuse connections (and its open ones ended) until closed. */
    private static final class Database implements AutoCloseable {

        private final Connection admin;
        private final String name;

        private Database(Connection admin, String name) {
            this.admin = admin;
            this.name = name;
        }

        static Database takenDown() throws SQLException {
            String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
            String name = url.substring(url.lastIndexOf('/') + 1);
            Connection admin = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                    ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                    ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
            Database database = new Database(admin, name);
            database.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
            database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            return database;
        }

        boolean serviceLostItsConnections() throws SQLException {
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            try (Statement statement = admin.createStatement();
                    var result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + name + "'")) {
                result.next();
                return result.getLong(1) == 0;
            }
        }

        private void execute(String sql) throws SQLException {
            try (Statement statement = admin.createStatement()) {
                statement.execute(sql);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
            } finally {
                admin.close();
            }
        }
    }
}
