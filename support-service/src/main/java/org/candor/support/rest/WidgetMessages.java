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

    @Message("We sent you a code by SMS")
    String codeSent();

    @Message("We sent you a link by email")
    String linkSent();

    @Message("That did not work; please try again")
    String failed();

    @Message("Customer number")
    String customerNumber();

    @Message("Code by SMS")
    String codeBySms();

    @Message("Link by email")
    String linkByEmail();

    @Message("6-digit code")
    String codePlaceholder();

    @Message("Verify")
    String verify();

    @Message("Type your message")
    String messagePlaceholder();

    @Message("Send")
    String send();
}
