package org.candor.testsupport;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} the real Kafka broker, a fresh PostgreSQL database of its own and a
 * JWT verification key. Use with {@code @WithTestResource(CandorTestResource.class)}.
 */
public class CandorTestResource implements QuarkusTestResourceLifecycleManager {

    private static JwtIssuer issuer;

    /** The issuer whose tokens the application under test accepts. */
    public static synchronized JwtIssuer jwt() {
        if (issuer == null) {
            issuer = JwtIssuer.inDirectory(TemporaryDirectories.create("candor-test-jwt"));
        }
        return issuer;
    }

    /** A bearer token with the given roles for the application under test. */
    public static String token(String... roles) {
        return jwt().token("test-user", Duration.ofMinutes(30), roles);
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.get();
        Infrastructure.Database database = infrastructure.createDatabase("candor_test");
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password(),
                "mp.jwt.verify.publickey.location", jwt().publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", JwtIssuer.ISSUER,
                "mp.jwt.verify.audiences", JwtIssuer.AUDIENCE);
    }

    @Override
    public void stop() {
        // The broker and server are shared by every test class in this JVM and stop with it.
    }
}
