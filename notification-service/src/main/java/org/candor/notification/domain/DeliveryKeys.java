package org.candor.notification.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The idempotency key of a delivery: the MD5 of {@code <message source key>|<recipient>|<channel>}
 * read as a UUID, exactly what PostgreSQL's {@code md5(...)::uuid} gives, so the fan-out can compute
 * it in SQL and a request in Java and both agree.
 */
public final class DeliveryKeys {

    /** The recipient part of the key for a direct address given in a request. */
    public static final String DIRECT = "direct";

    private DeliveryKeys() {
    }

    public static UUID of(String sourceKey, String recipient, Channel channel) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((sourceKey + "|" + recipient + "|" + channel.name()).getBytes(StandardCharsets.UTF_8));
            ByteBuffer buffer = ByteBuffer.wrap(digest);
            return new UUID(buffer.getLong(), buffer.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SQL expression of the same key, over a source key parameter and recipient/channel columns. */
    public static String sql(String sourceKeyParameter, String recipientColumn, String channelColumn) {
        return "md5(" + sourceKeyParameter + " || '|' || " + recipientColumn + " || '|' || " + channelColumn + ")::uuid";
    }
}
