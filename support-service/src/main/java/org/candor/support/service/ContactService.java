package org.candor.support.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.platform.ratelimit.SharedRateLimiter;
import org.candor.support.config.SupportConfig;
import org.candor.support.domain.Channel;
import org.candor.support.domain.Priority;
import org.candor.support.domain.Ticket;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The public contact form: a WEB ticket without an account, and a confirmation to the address the person gave.
 * The address is not verified, so it never links the ticket to a customer; it is where the confirmation and the
 * agents' public replies go. Anyone can type anyone's address, so an address gets at most
 * {@code max-confirmations-per-address-per-day} confirmations (counted by its keyed hash, never stored as such).
 */
@ApplicationScoped
public class ContactService {

    /** What the form sends, already trimmed. */
    public record ContactRequest(String email, String subject, String message, String locale) {
    }

    /** A field the form has to get right, and why it is wrong. */
    public enum Fault {
        REQUIRED, INVALID_EMAIL, TOO_LONG, ONE_LINE
    }

    /** One wrong field: its name, the fault, and the longest length allowed for {@link Fault#TOO_LONG}. */
    public record FieldFault(String field, Fault fault, int max) {
    }

    /** The confirmation's text in the person's language (the service's message bundle lives with the pages). */
    public interface Confirmation {
        String text(String locale, String subject, String reference);
    }

    public static final int MAX_EMAIL = 254;
    public static final int MAX_SUBJECT = 200;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private final TicketService tickets;
    private final Notifications notifications;
    private final VerificationSigner signer;
    private final SupportConfig config;
    private final Clock clock;
    private final SharedRateLimiter perClient;
    private final SharedRateLimiter perAddress;

    ContactService(TicketService tickets, Notifications notifications, VerificationSigner signer, SupportConfig config,
            Clock clock, DataSource dataSource) {
        this.tickets = tickets;
        this.notifications = notifications;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
        this.perClient = new SharedRateLimiter("contact-form", config.contact().maxSubmissionsPerMinute(),
                Duration.ofMinutes(1), dataSource, clock);
        this.perAddress = new SharedRateLimiter("contact-confirmation",
                config.contact().maxConfirmationsPerAddressPerDay(), Duration.ofDays(1), dataSource, clock);
    }

    /** Counts a form from the real client {@code client}; not allowed when it is over its limit. */
    public SharedRateLimiter.Decision allow(String client) {
        return perClient.tryAcquire(client);
    }

    /** The wrong fields of {@code request}, in form order; empty when it can be sent. */
    public List<FieldFault> check(ContactRequest request) {
        List<FieldFault> faults = new ArrayList<>();
        if (request.email().isEmpty()) {
            faults.add(new FieldFault("email", Fault.REQUIRED, 0));
        } else if (request.email().length() > MAX_EMAIL) {
            faults.add(new FieldFault("email", Fault.TOO_LONG, MAX_EMAIL));
        } else if (!EMAIL.matcher(request.email()).matches()) {
            faults.add(new FieldFault("email", Fault.INVALID_EMAIL, 0));
        }
        if (request.subject().isEmpty()) {
            faults.add(new FieldFault("subject", Fault.REQUIRED, 0));
        } else if (request.subject().length() > MAX_SUBJECT) {
            faults.add(new FieldFault("subject", Fault.TOO_LONG, MAX_SUBJECT));
        } else if (request.subject().chars().anyMatch(Character::isISOControl)) {
            faults.add(new FieldFault("subject", Fault.ONE_LINE, 0));
        }
        int maxMessage = config.tickets().maxBodyLength();
        if (request.message().isEmpty()) {
            faults.add(new FieldFault("message", Fault.REQUIRED, 0));
        } else if (request.message().length() > maxMessage) {
            faults.add(new FieldFault("message", Fault.TOO_LONG, maxMessage));
        }
        return faults;
    }

    /**
     * Opens the WEB ticket and, in the same transaction, asks for the confirmation mail (through the outbox: it goes
     * out exactly when the ticket exists). Whether the address may get one more confirmation today is counted first,
     * on its own connection (the shared limiter's buckets are not part of the ticket's transaction); a failure after
     * it costs the address one confirmation, never sends one twice. The caller has checked the request.
     */
    public Ticket submit(ContactRequest request, Confirmation confirmation) {
        String address = request.email().toLowerCase(Locale.ROOT);
        boolean confirm = perAddress.tryAcquire(signer.contactHash("email", address)).allowed();
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            Ticket ticket = tickets.open(new TicketService.NewTicket(Channel.WEB, Priority.NORMAL,
                    config.contact().queue(), request.subject(), null, request.locale(), null, null, request.message()),
                    "contact-form");
            ticket.requesterEmail = request.email();
            if (confirm) {
                notifications.toAddress("support:contact-received:" + ticket.id, "support-reply", ticket.incidentId,
                        request.email(), ticket.locale, TicketService.replyParameters(ticket,
                                confirmation.text(ticket.locale, request.subject(), reference(ticket))),
                        false, now);
            } else {
                Log.infof("Contact form ticket %s: no confirmation, its address had its share today", ticket.id);
            }
            return ticket;
        });
    }

    /** The reference the person is given: the ticket's id, which grants nothing without a staff token. */
    public static String reference(Ticket ticket) {
        return ticket.reference();
    }

    @Scheduled(every = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetIdleClients() {
        perClient.removeExpired(1000);
        perAddress.removeExpired(1000);
    }
}
