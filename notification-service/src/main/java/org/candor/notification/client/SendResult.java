package org.candor.notification.client;

/**
 * A provider accepted a message.
 *
 * @param provider which provider ({@code smtp}, {@code sms-primary}, {@code sms-secondary})
 * @param reference the provider's id of the message (Message-ID, SMS sid), for receipts
 */
public record SendResult(String provider, String reference) {
}
