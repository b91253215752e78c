package org.candor.platform.deadletter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.candor.contracts.CloudEventHeaders;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Identifier;

/**
 * Replays a dead letter into this service's own consumer of its source topic, in this process: the
 * source record is read again from its topic, partition and offset (a dead letter itself keeps no
 * data), checked to be the same event, and handed to the {@code @Incoming} method that consumes that
 * topic, which applies it through its inbox as it would a redelivery. No Kafka write is needed, so a
 * service replays with the rights it consumes with, and other services are not touched.
 */
@ApplicationScoped
public class DeadLetterReplayer {

    /** Why a replay could not even be tried. */
    public static class NotReplayable extends RuntimeException {
        public NotReplayable(String message) {
            super(message);
        }
    }

    /** The source record is no longer in its topic (retention, compaction, an erasure). */
    public static class SourceGone extends NotReplayable {
        public SourceGone(String message) {
            super(message);
        }
    }

    private record Target(Object bean, Method method) {
    }

    private final BeanManager beans;
    private final Config config;
    private final Map<String, Object> consumerConfig;
    private final DeadLetterConfig deadLetters;
    private volatile Map<String, Target> byTopic;

    DeadLetterReplayer(BeanManager beans, Config config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            DeadLetterConfig deadLetters) {
        this.beans = beans;
        this.config = config;
        this.deadLetters = deadLetters;
        this.consumerConfig = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                consumerConfig.put(key, value);
            }
        });
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "candor-dead-letter-replay");
    }

    /** Reads the source record of {@code letter}; throws {@link SourceGone} if the topic no longer has it. */
    public ConsumerRecord<String, String> source(DeadLetters.DeadLetter letter) {
        if (letter.sourceTopic() == null || letter.sourcePartition() == null || letter.sourceOffset() == null) {
            throw new NotReplayable("The dead letter does not say where its record came from");
        }
        TopicPartition partition = new TopicPartition(letter.sourceTopic(), letter.sourcePartition());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, letter.sourceOffset());
            Instant deadline = Instant.now().plus(deadLetters.sourceReadTimeout());
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() != letter.sourceOffset()) {
                        throw gone(letter);
                    }
                    String id = header(record, CloudEventHeaders.ID);
                    if (letter.eventId() != null && !letter.eventId().equals(id)) {
                        throw gone(letter);
                    }
                    return record;
                }
            }
            throw new NotReplayable("Kafka did not hand over " + position(letter) + " within "
                    + deadLetters.sourceReadTimeout());
        } catch (OffsetOutOfRangeException e) {
            throw gone(letter);
        }
    }

    /**
     * Hands {@code record} to the consumer of its topic; a failure of the consumer (the event is still
     * refused) is thrown as it is.
     */
    public void apply(ConsumerRecord<String, String> record) {
        Target target = targets().get(record.topic());
        if (target == null) {
            throw new NotReplayable("No consumer of " + record.topic() + " in this service");
        }
        Object argument;
        Class<?> parameter = target.method().getParameterTypes()[0];
        if (parameter.isAssignableFrom(ConsumerRecord.class)) {
            argument = record;
        } else if (parameter.isAssignableFrom(ConsumerRecords.class)) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            argument = new ConsumerRecords<>(Map.of(partition, List.of(record)), Map.of());
        } else {
            throw new NotReplayable("The consumer of " + record.topic() + " takes " + parameter.getSimpleName());
        }
        try {
            target.method().invoke(target.bean(), argument);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this service consumes {@code topic} with a method a replay can call. */
    public boolean consumes(String topic) {
        return targets().containsKey(topic);
    }

    private Map<String, Target> targets() {
        Map<String, Target> current = byTopic;
        if (current == null) {
            current = new ConcurrentHashMap<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                for (Method method : bean.getBeanClass().getMethods()) {
                    Incoming[] incoming = method.getAnnotationsByType(Incoming.class);
                    if (incoming.length == 0 || method.getParameterCount() != 1) {
                        continue;
                    }
                    for (Incoming channel : incoming) {
                        if (channel.value().equals(DeadLetterStore.CHANNEL)) {
                            continue;
                        }
                        for (String topic : topicsOf(channel.value())) {
                            Object instance = beans.getReference(bean, bean.getBeanClass(), beans.createCreationalContext(bean));
                            current.putIfAbsent(topic, new Target(instance, method));
                        }
                    }
                }
            }
            byTopic = current;
        }
        return current;
    }

    private Set<String> topicsOf(String channel) {
        Optional<String> topics = config.getOptionalValue("mp.messaging.incoming." + channel + ".topics", String.class);
        if (topics.isPresent()) {
            return Set.of(topics.get().trim().split("\\s*,\\s*"));
        }
        return Set.of(config.getOptionalValue("mp.messaging.incoming." + channel + ".topic", String.class).orElse(channel));
    }

    private static SourceGone gone(DeadLetters.DeadLetter letter) {
        return new SourceGone("The source record " + position(letter) + " is no longer in its topic");
    }

    private static String position(DeadLetters.DeadLetter letter) {
        return letter.sourceTopic() + "-" + letter.sourcePartition() + "@" + letter.sourceOffset();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
