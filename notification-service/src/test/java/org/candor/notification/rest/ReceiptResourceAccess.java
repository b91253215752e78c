package org.candor.notification.rest;

/** Signs receipts the way the test gateways' auth token and the test bounce processor would. */
public final class ReceiptResourceAccess {

    private ReceiptResourceAccess() {
    }

    public static String sign(String data) {
        return ReceiptResource.hmac("HmacSHA1", "local-auth-token", data);
    }

    /** Signs an email receipt the way the test profile's bounce processor would. */
    public static String signEmail(String body) {
        return ReceiptResource.hmac("HmacSHA256", "local-receipt-secret", body);
    }
}
