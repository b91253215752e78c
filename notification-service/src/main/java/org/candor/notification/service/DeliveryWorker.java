package org.candor.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.candor.notification.client.EmailClient;
import org.candor.notification.client.PermanentDeliveryException;
import org.candor.notification.client.ProviderFaultException;
import org.candor.notification.client.SendResult;
import org.candor.notification.client.SmsClient;
import org.candor.notification.client.TransientDeliveryException;
import org.candor.notification.client.UncertainDeliveryException;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.SmsText;
import org.candor.notification.messaging.DeliveryDeadLetters;
import org.candor.notification.service.DeliveryStore.Claimed;
import org.candor.notification.service.DeliveryStore.Outcome;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due deliveries. Per channel a lane claims batches (IN_FLIGHT, committed), a pool of senders
 * renders and hands each message to its provider, and one recorder commits the outcomes in batches
 * with their events: SENT with the provider's reference, QUEUED again with exponential backoff and
 * jitter after a transient failure, FAILED after a permanent one or the last attempt; once that has
 * committed, {@link DeliveryDeadLetters} puts it on the dead-letter topic.
 *
 * <p>On a clean shutdown the lanes stop claiming, claimed deliveries not yet handed over go back to
 * the queue, and every hand-off that completed is recorded before the process exits. After a crash,
 * deliveries left IN_FLIGHT are queued again when their lease has run out: a message the provider
 * accepted in the instant before the crash is then sent a second time, with the same Message-ID or
 * Idempotency-Key. That window (hand-off to commit, a few milliseconds per delivery) is the one
 * place where "exactly once" rests on the provider's deduplication.
 */
@ApplicationScoped
public class DeliveryWorker {

    /** Outcomes committed together at most, and how long the recorder waits for more after the first. */
    private static final int RECORD_BATCH = 1000;
    private static final long RECORD_GATHER_MILLIS = 25;

    private final NotificationConfig config;
    private final DeliveryStore store;
    private final TemplateRenderer renderer;
    private final EmailClient email;
    private final SmsClient sms;
    private final WorkSignals signals;
    private final DeliveryDeadLetters deadLetters;
    private final OptOutLinks optOutLinks;
    private final EmailMessages emailMessages;
    private final Clock clock;
    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicInteger unrecorded = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean stopping;
    private Thread recorder;

    DeliveryWorker(NotificationConfig config, DeliveryStore store, TemplateRenderer renderer, EmailClient email,
            SmsClient sms, WorkSignals signals, DeliveryDeadLetters deadLetters, OptOutLinks optOutLinks,
            EmailMessages emailMessages, Clock clock) {
        this.config = config;
        this.store = store;
        this.renderer = renderer;
        this.email = email;
        this.sms = sms;
        this.signals = signals;
        this.deadLetters = deadLetters;
        this.optOutLinks = optOutLinks;
        this.emailMessages = emailMessages;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.workersEnabled()) {
            return;
        }
        int recovered = store.recoverExpiredLeases();
        if (recovered > 0) {
            Log.infof("Queued %d deliveries again whose worker had stopped before recording them", recovered);
        }
        running = true;
        lanes.add(new Lane(Channel.EMAIL, WorkSignals.Work.EMAIL, config.email().concurrency(), config.email().batch()));
        int smsConcurrency = config.sms().primary().concurrency() + config.sms().secondary().concurrency();
        lanes.add(new Lane(Channel.SMS, WorkSignals.Work.SMS, smsConcurrency, config.sms().batch()));
        lanes.forEach(Lane::start);
        recorder = new Thread(this::recordLoop, "delivery-recorder");
        recorder.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (!running) {
            return;
        }
        stopping = true;
        running = false;
        for (Lane lane : lanes) {
            lane.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (unrecorded.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        recorder.interrupt();
        Log.infof("Delivery workers stopped; %d outcomes left unrecorded", unrecorded.get());
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void recover() {
        if (running) {
            int recovered = store.recoverExpiredLeases();
            if (recovered > 0) {
                Log.infof("Queued %d deliveries again whose lease had run out", recovered);
                signals.signal(WorkSignals.Work.EMAIL);
                signals.signal(WorkSignals.Work.SMS);
            }
        }
    }

    private final class Lane implements Runnable {

        private final Channel channel;
        private final WorkSignals.Work work;
        private final int batch;
        private final ExecutorService senders;
        private final Semaphore window;
        private final Thread thread;

        Lane(Channel channel, WorkSignals.Work work, int concurrency, int batch) {
            this.channel = channel;
            this.work = work;
            this.batch = batch;
            AtomicInteger count = new AtomicInteger();
            this.senders = Executors.newFixedThreadPool(concurrency, runnable -> {
                Thread sender = new Thread(runnable, "send-" + channel.name().toLowerCase() + "-" + count.incrementAndGet());
                sender.setDaemon(true);
                return sender;
            });
            // At most two batches claimed and not yet recorded (a permit comes back once the recorder has
            // committed the outcome): a crash leaves little IN_FLIGHT, and a recorder that falls behind
            // holds the senders back instead of letting sent-but-unrecorded deliveries outlive their lease.
            this.window = new Semaphore(batch * 2);
            this.thread = new Thread(this, "claim-" + channel.name().toLowerCase());
        }

        void start() {
            thread.start();
        }

        void stop() {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            senders.shutdown();
            try {
                senders.awaitTermination(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            while (running) {
                try {
                    window.acquire(batch);
                    window.release(batch);
                    List<Claimed> claimed = store.claim(channel, batch);
                    if (claimed.isEmpty()) {
                        signals.await(work, config.pollInterval());
                        continue;
                    }
                    for (Claimed delivery : claimed) {
                        window.acquire();
                        unrecorded.incrementAndGet();
                        senders.execute(() -> {
                            try {
                                outcomes.add(send(delivery));
                            } catch (RuntimeException unexpected) {
                                // No outcome: the delivery stays IN_FLIGHT until its lease runs out and recovery queues it again.
                                Log.errorf(unexpected, "Delivery %s could not be handed over", delivery.id());
                                window.release();
                                unrecorded.decrementAndGet();
                            }
                        });
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    Log.errorf(e, "Claiming %s deliveries failed; trying again", channel);
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private Outcome send(Claimed delivery) {
        Instant now = clock.instant();
        // A claim whose lease is half gone is given back unsent: once the lease runs out, recovery
        // hands the delivery to another worker, and two workers must never send it both.
        if (stopping || now.isAfter(delivery.leaseUntil().minus(config.lease().dividedBy(2)))) {
            return new Outcome(delivery, Outcome.Kind.RELEASED, null, null, null, now, null);
        }
        if (delivery.address() == null) {
            return new Outcome(delivery, Outcome.Kind.FAILED, null, null, "recipient has no address (erased or removed)",
                    now, null);
        }
        try {
            SendResult result;
            DeliveryStore.MessageView message = delivery.message();
            // A customer can stop any message that is not mandatory, on this channel, from the message itself.
            String optOut = message.mandatory() || delivery.customerId() == null ? null
                    : optOutLinks.url(delivery.customerId(), delivery.channel(), delivery.locale());
            if (delivery.channel() == Channel.EMAIL) {
                result = email.send(emailMessages.of(delivery, optOut));
            } else {
                SmsText text = renderer.sms(message.type(), delivery.locale(), message.content(), delivery.name(),
                        message.incidentId(), delivery.unsubscribeUrl(), optOut);
                result = sms.send(delivery.id(), delivery.address(), text.text(), delivery.pinnedProvider());
            }
            return new Outcome(delivery, Outcome.Kind.SENT, result.provider(), result.reference(), null, clock.instant(),
                    null);
        } catch (PermanentDeliveryException e) {
            return new Outcome(delivery, Outcome.Kind.FAILED, null, null, e.getMessage(), clock.instant(), null);
        } catch (ProviderFaultException e) {
            // Our account or every provider at fault: the delivery waits without using up its attempts.
            return new Outcome(delivery, Outcome.Kind.HELD, null, null, e.getMessage(), clock.instant(),
                    clock.instant().plus(config.sms().providerFaultHold()));
        } catch (UncertainDeliveryException e) {
            if (delivery.attempts() >= config.maxAttempts()) {
                return new Outcome(delivery, Outcome.Kind.FAILED, null, null,
                        "gave up after " + delivery.attempts() + " attempts: " + e.getMessage(), clock.instant(), null);
            }
            // The provider may have it: offered to that one alone, with the same key, until it answers.
            return new Outcome(delivery, Outcome.Kind.RETRY, e.provider(), null, e.getMessage(), clock.instant(),
                    clock.instant().plus(backoff(delivery.attempts())));
        } catch (TransientDeliveryException | org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException e) {
            if (delivery.attempts() >= config.maxAttempts()) {
                return new Outcome(delivery, Outcome.Kind.FAILED, null, null,
                        "gave up after " + delivery.attempts() + " attempts: " + e.getMessage(), clock.instant(), null);
            }
            return new Outcome(delivery, Outcome.Kind.RETRY, null, null, e.getMessage(), clock.instant(),
                    clock.instant().plus(backoff(delivery.attempts())));
        } catch (RuntimeException e) {
            // A template that cannot render this message will not render it on a retry either.
            Log.errorf("Delivery %s cannot be rendered: %s", delivery.id(), e.getMessage());
            return new Outcome(delivery, Outcome.Kind.FAILED, null, null, "cannot render: " + e.getMessage(),
                    clock.instant(), null);
        }
    }

    /** {@code base * 2^(attempt-1)}, capped, plus up to half of that again at random. */
    Duration backoff(int attempt) {
        long base = config.retryBase().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.retryMax().toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private Lane laneOf(Channel channel) {
        for (Lane lane : lanes) {
            if (lane.channel == channel) {
                return lane;
            }
        }
        throw new IllegalStateException("no lane for " + channel);
    }

    private void recordLoop() {
        List<Outcome> batch = new ArrayList<>();
        while (running || unrecorded.get() > 0) {
            try {
                Outcome first = outcomes.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                recordBatch(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (unrecorded.get() == 0) {
                    return;
                }
            }
        }
    }

    /**
     * Adds the outcomes that arrive within a few milliseconds of the first, up to a full batch: one
     * transaction (and one batch event) for many hand-offs instead of one for every few. The hand-off
     * time recorded is each message's own, so waiting here delays nothing a person sees.
     */
    private void gather(List<Outcome> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECORD_GATHER_MILLIS);
        outcomes.drainTo(batch, RECORD_BATCH - batch.size());
        while (batch.size() < RECORD_BATCH && running) {
            long remaining = deadline - System.nanoTime();
            Outcome next = remaining > 0 ? outcomes.poll(remaining, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            outcomes.drainTo(batch, RECORD_BATCH - batch.size());
        }
    }

    private void recordBatch(List<Outcome> batch) {
        while (true) {
            try {
                int failed = store.record(batch);
                unrecorded.addAndGet(-batch.size());
                for (Outcome outcome : batch) {
                    laneOf(outcome.delivery().channel()).window.release();
                }
                if (failed > 0) {
                    deadLetters.wake();
                }
                for (Outcome outcome : batch) {
                    if (outcome.kind() == Outcome.Kind.RETRY) {
                        Log.infof("Delivery %s (%s) attempt %d failed, retry at %s: %s", outcome.delivery().id(),
                                outcome.delivery().channel(), outcome.delivery().attempts(), outcome.retryAt(), outcome.error());
                    }
                    if (outcome.kind() == Outcome.Kind.FAILED) {
                        Log.warnf("Delivery %s (%s) failed: %s", outcome.delivery().id(), outcome.delivery().channel(),
                                outcome.error());
                    }
                }
                return;
            } catch (RuntimeException e) {
                Log.errorf(e, "Recording %d delivery outcomes failed; retrying", batch.size());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
