package org.candor.feedback;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Waits until the relay has published everything written to the outbox so far. */
@ApplicationScoped
public class OutboxDrain {

    private final EntityManager entityManager;

    OutboxDrain(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void awaitPublished() {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where published_at is null").getSingleResult())
                .longValue() == 0));
    }
}
