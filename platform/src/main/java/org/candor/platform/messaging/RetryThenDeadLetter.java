package org.candor.platform.messaging;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;

/**
 * The failure strategy of every Candor consumer ({@code failure-strategy=candor-dead-letter}): the
 * connector's dead-letter queue, except for a record whose retry was cut short because the service
 * stops ({@link ConsumerStoppedException}). That record is left unacknowledged, so its offset is never
 * committed and the partition's next consumer applies it; it must not end as a dead letter.
 * Transient failures never get here: {@link ConsumerRetry} retries them in place.
 */
@ApplicationScoped
@Identifier(RetryThenDeadLetter.STRATEGY)
public class RetryThenDeadLetter implements KafkaFailureHandler.Factory {

    /** The value of {@code failure-strategy} that selects this strategy. */
    public static final String STRATEGY = "candor-dead-letter";

    private final KafkaFailureHandler.Factory deadLetterQueue;

    RetryThenDeadLetter(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler deadLetters = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (stopped(reason)) {
                    Log.infof("Record %s-%d@%d left for redelivery: the service is stopping", record.getTopic(),
                            record.getPartition(), record.getOffset());
                    return Uni.createFrom().nothing();
                }
                return deadLetters.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                deadLetters.terminate();
            }
        };
    }

    private static boolean stopped(Throwable reason) {
        for (Throwable current = reason; current != null; current = current.getCause()) {
            if (current instanceof ConsumerStoppedException) {
                return true;
            }
        }
        return false;
    }
}
