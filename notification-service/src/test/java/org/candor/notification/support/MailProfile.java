package org.candor.notification.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The sender identity a production deployment configures: a Sender and a Reply-To besides From. */
public class MailProfile implements QuarkusTestProfile {

    public static final String FROM = "Candor Demo GmbH <notifications@candor.example.org>";
    public static final String SENDER = "notifications@candor.example.org";
    public static final String REPLY_TO = "Candor Support <support@candor.example.org>";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "candor.notification.email.from", FROM,
                "candor.notification.email.sender", SENDER,
                "candor.notification.email.reply-to", REPLY_TO);
    }
}
