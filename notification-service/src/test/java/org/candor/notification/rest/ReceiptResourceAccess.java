package org.candor.notification.rest;

/** Signs a receipt the way the test gateways' auth token would. */
public final class ReceiptResourceAccess {

    private ReceiptResourceAccess() {
    }

    public static String sign(String data) {
        return ReceiptResource.hmac("HmacSHA1", "local-auth-token", data);
    }
}
