package org.candor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

class InfrastructureTest {

    @Test
    void kafkaBrokerRoundTripsARecordWithItsKey() {
        KafkaCompanion companion = TestKafka.companion();
        companion.produceStrings().fromRecords(new ProducerRecord<>("infra-check", "key-1", "hello")).awaitCompletion();

        ConsumerTask<String, String> records = companion.consumeStrings().fromTopics("infra-check", 1)
                .awaitCompletion(Duration.ofSeconds(30));

        assertThat(records.getFirstRecord().key()).isEqualTo("key-1");
        assertThat(records.getFirstRecord().value()).isEqualTo("hello");
    }

    @Test
    void eachCreatedDatabaseIsSeparateAndWritable() throws Exception {
        Infrastructure.Database first = Infrastructure.get().createDatabase("infra_check");
        Infrastructure.Database second = Infrastructure.get().createDatabase("infra_check");

        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (id int)");
        }
        try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'marker'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
    }
}
