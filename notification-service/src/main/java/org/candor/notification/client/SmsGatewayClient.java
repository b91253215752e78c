package org.candor.notification.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.candor.notification.config.NotificationConfig;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * The two SMS providers, each behind its own timeout (the REST client's connect and read timeouts),
 * a quick retry with exponential backoff and jitter, a circuit breaker, a concurrency cap and a rate
 * limit. Transient failures (connect
 * errors, timeouts, 429, 5xx) count against the breaker; a refusal of the number does not. A
 * refusal of the account (401, 403) is the provider's fault: it counts against the breaker, is not
 * retried, raises {@link #FAULTS} and an error log. A request written but not answered is
 * {@link UncertainDeliveryException}: the provider may have taken it. It is not retried here either:
 * a second try that found the circuit open or the provider unreachable would hide that the first one
 * may have been accepted, and the message would go to the other provider as well. The delivery is
 * pinned to the provider instead and offered to it again on its next attempt.
 * {@link SmsClient} chooses between them.
 */
@ApplicationScoped
public class SmsGatewayClient {

    public static final String PRIMARY = "sms-primary";
    public static final String SECONDARY = "sms-secondary";
    /** Counts answers that refused our account (401, 403), by provider and status: alert on any increase. */
    public static final String FAULTS = "candor.notification.sms.provider.faults";

    private final Provider primary;
    private final Provider secondary;
    private final NotificationConfig config;
    private final MeterRegistry metrics;

    SmsGatewayClient(NotificationConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.primary = new Provider(PRIMARY, config.sms().primary());
        this.secondary = new Provider(SECONDARY, config.sms().secondary());
    }

    @Retry(maxRetries = 1, delay = 200, jitter = 100, retryOn = TransientDeliveryException.class,
            abortOn = {PermanentDeliveryException.class, ProviderFaultException.class,
                    UncertainDeliveryException.class})
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, successThreshold = 2,
            failOn = TransientDeliveryException.class, skipOn = PermanentDeliveryException.class)
    public SendResult viaPrimary(UUID idempotencyKey, String to, String body, Answers answers) {
        return primary.send(idempotencyKey, to, body, answers);
    }

    @Retry(maxRetries = 1, delay = 200, jitter = 100, retryOn = TransientDeliveryException.class,
            abortOn = {PermanentDeliveryException.class, ProviderFaultException.class,
                    UncertainDeliveryException.class})
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, successThreshold = 2,
            failOn = TransientDeliveryException.class, skipOn = PermanentDeliveryException.class)
    public SendResult viaSecondary(UUID idempotencyKey, String to, String body, Answers answers) {
        return secondary.send(idempotencyKey, to, body, answers);
    }

    /**
     * Whether the provider answered (429, 5xx, 401, 403) any of the tries of one call. The quick retry
     * rethrows only the last try's failure: an answer followed by an open circuit or a provider that
     * could not be reached must still count as the provider's word that it does not have the message.
     */
    public static final class Answers {

        private volatile boolean answered;

        void answered() {
            answered = true;
        }

        /** Whether some try of this call was answered without the message being accepted. */
        public boolean any() {
            return answered;
        }
    }

    private final class Provider {

        private final String name;
        private final NotificationConfig.Provider settings;
        private final TwilioRestClient client;
        private final String authorization;
        private final Semaphore concurrency;
        private final RateLimiter rate;
        /** From and StatusCallback, encoded once. */
        private final String fixedFields;

        Provider(String name, NotificationConfig.Provider settings) {
            this.name = name;
            this.settings = settings;
            this.client = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(settings.url() + "/2010-04-01/Accounts/"
                            + URLEncoder.encode(settings.accountSid(), StandardCharsets.UTF_8) + "/Messages.json"))
                    .connectTimeout(settings.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .readTimeout(settings.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .build(TwilioRestClient.class);
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
            this.concurrency = new Semaphore(settings.concurrency());
            this.fixedFields = "&From=" + URLEncoder.encode(config.sms().from(), StandardCharsets.UTF_8)
                    + config.sms().statusCallbackUrl()
                            .map(url -> "&StatusCallback=" + URLEncoder.encode(url, StandardCharsets.UTF_8)).orElse("");
            this.rate = new RateLimiter(settings.ratePerSecond());
        }

        SendResult send(UUID idempotencyKey, String to, String body, Answers answers) {
            concurrency.acquireUninterruptibly();
            try {
                rate.acquire();
                String form = "To=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + fixedFields + "&Body="
                        + URLEncoder.encode(body, StandardCharsets.UTF_8);
                TwilioRestClient.TwilioMessage message = client.send(authorization, idempotencyKey.toString(), form);
                return new SendResult(name, message == null || message.sid() == null ? idempotencyKey.toString()
                        : message.sid());
            } catch (WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status == 401 || status == 403 || status == 429 || status >= 500) {
                    answers.answered();
                }
                if (status == 401 || status == 403) {
                    // Our account, not the number: every message would be refused the same way.
                    metrics.counter(FAULTS, "provider", name, "status", Integer.toString(status)).increment();
                    Log.errorf("SMS provider %s refuses the account (%d %s): check its SID and auth token; failing over",
                            name, status, errorOf(e));
                    throw new ProviderFaultException(name + " refused the account: " + status, e);
                }
                if (status == 429 || status >= 500) {
                    throw new ProviderAnsweredException(name + " answered " + status, e);
                }
                throw new PermanentDeliveryException(name + " refused the message: " + status + " " + errorOf(e));
            } catch (ProcessingException e) {
                if (notConnected(e)) {
                    throw new TransientDeliveryException(name + " unreachable: " + e.getClass().getSimpleName(), e);
                }
                // Written but unanswered (read timeout, connection lost): the provider may have taken it.
                throw new UncertainDeliveryException(name, name + " did not answer: " + rootOf(e), e);
            } finally {
                concurrency.release();
            }
        }

        /** The request never reached the provider: refused, timed out connecting, unknown host. */
        private static boolean notConnected(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                        || cause instanceof java.net.NoRouteToHostException) {
                    return true;
                }
            }
            return false;
        }

        private static String rootOf(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName();
        }

        private static String errorOf(WebApplicationException e) {
            try {
                String body = e.getResponse().readEntity(String.class);
                java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*(\\d+)").matcher(body);
                return code.find() ? "(provider error " + code.group(1) + ")" : "";
            } catch (RuntimeException unreadable) {
                return "";
            }
        }
    }
}
