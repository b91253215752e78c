package org.candor.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.FreePorts;
import org.candor.testsupport.Infrastructure;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, started as its own process in the {@code prod} profile with a real database and
 * broker but with the demo defaults and without its secrets, refuses to start and names every property
 * it needs, in one error. Started with them set, it comes up (ChatTwoReplicasIT starts it that way).
 */
class ProductionConfigurationIT {

    @Test
    void startingInProductionWithDemoValuesIsRefusedNamingEachProperty() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        Infrastructure.Database database = infrastructure.createDatabase("candor_prod_check");
        Path log = Path.of("target", "support-prod-check.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.profile=prod", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        env.put("CANDOR_JWT_PUBLIC_KEY_LOCATION", CandorTestResource.jwt().publicKeyFile().toUri().toString());
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // The dev profile's secret, carried into production: a demo value.
        env.put("CANDOR_SUPPORT_VERIFICATION_SECRET", "dev-only-verification-secret-not-for-production");
        env.remove("CANDOR_JWT_ISSUER");
        env.remove("CANDOR_JWT_AUDIENCE");

        Process process = builder.start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);

        assertThat(exited).as("the service stopped by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("support-service refuses to start in production: 3 properties are unset or still a demo value")
                .contains("mp.jwt.verify.issuer (env MP_JWT_VERIFY_ISSUER) is not set")
                .contains("mp.jwt.verify.audiences (env MP_JWT_VERIFY_AUDIENCES) is not set")
                .contains("candor.support.verification.secret (env CANDOR_SUPPORT_VERIFICATION_SECRET) is still a demo value")
                .doesNotContain("dev-only-verification-secret");
    }
}
