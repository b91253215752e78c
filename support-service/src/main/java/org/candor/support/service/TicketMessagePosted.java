package org.candor.support.service;

import java.time.Instant;
import java.util.UUID;

import org.candor.support.domain.Channel;
import org.candor.support.domain.MessageKind;

/** A CDI event fired when a message is added to a ticket; chat observes it after commit. */
public record TicketMessagePosted(UUID ticketId, Channel channel, UUID messageId, MessageKind kind, String author,
        String body, Instant at) {
}
