package org.candor.compliance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.FreePorts;
import org.candor.testsupport.Infrastructure;
import org.candor.testsupport.JwtIssuer;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, started as its own process in the {@code prod} profile with a real database and broker and
 * the token's issuer and audience, but without the audit chain's signing key, refuses to start and names the setting.
 */
class ProductionConfigurationIT {

    @Test
    void startingInProductionWithoutTheAuditSigningKeyIsRefusedNamingTheSetting() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        Infrastructure.Database database = infrastructure.createDatabase("candor_compliance_prod_check");
        Path log = Path.of("target", "compliance-prod-check.log");
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
        env.put("CANDOR_JWT_ISSUER", JwtIssuer.ISSUER);
        env.put("CANDOR_JWT_AUDIENCE", JwtIssuer.AUDIENCE);
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.remove("CANDOR_COMPLIANCE_AUDIT_SIGNING_KEY_LOCATION");

        Process process = builder.start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);

        assertThat(exited).as("the service stopped by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("compliance-service refuses to start in production: 1 property is unset or still a demo value")
                .contains("candor.compliance.audit.signing-key-location (env CANDOR_COMPLIANCE_AUDIT_SIGNING_KEY_LOCATION) is not set");
    }
}
