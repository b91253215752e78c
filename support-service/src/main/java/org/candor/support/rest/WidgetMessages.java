package org.candor.support.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The chat widget's texts, in English; other languages in {@code messages/widget_<lang>.properties}.
 * {@code %name%} marks a value the page fills in.
 */
@MessageBundle(value = "widget", locale = "en")
public interface WidgetMessages {

    @Message("Support chat")
    String title();

    @Message("Connecting…")
    String connecting();

    @Message("You are number %position% in the queue, about %minutes% min")
    String queued();

    @Message("You are chatting with %agent%")
    String chatting();

    @Message("%agent% joined the chat")
    String joined();

    @Message("You are being transferred, please wait a moment")
    String transferred();

    @Message("The chat has ended")
    String ended();

    @Message("Disconnected")
    String disconnected();

    @Message("Identity verified")
    String verified();

    @Message("Your identity is verified")
    String verifiedNotice();

    @Message("If this email address is on record with us, we have sent a code to it. Type it below.")
    String codeRequestedEmail();

    @Message("If this phone number is on record with us, we have sent a code to it by SMS. Type it below.")
    String codeRequestedSms();

    @Message("That code is not right; %left% tries left")
    String failed();

    @Message("Too many wrong codes: verification in this chat has ended. The agent can help you another way.")
    String locked();

    @Message("Email address or mobile number on record")
    String contactPlaceholder();

    @Message("Send me a code")
    String requestCode();

    @Message("6-digit code")
    String codePlaceholder();

    @Message("Verify")
    String verify();

    @Message("Type your message")
    String messagePlaceholder();

    @Message("Send")
    String send();
}
