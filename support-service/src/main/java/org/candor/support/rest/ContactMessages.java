package org.candor.support.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The contact form's texts and its confirmation mail, in English; German in {@code messages/contact_de.properties}. */
@MessageBundle(value = "contact", locale = "en")
public interface ContactMessages {

    @Message("Contact us")
    String title();

    @Message("Write to us without an account. We answer by email, usually within one working day.")
    String intro();

    @Message("Your email address")
    String emailLabel();

    @Message("Subject")
    String subjectLabel();

    @Message("Your message")
    String messageLabel();

    @Message("Send")
    String send();

    @Message("Thank you, your message has arrived")
    String sentTitle();

    @Message("We have sent a confirmation to your email address and will answer there. Your reference: {reference}")
    String sent(String reference);

    @Message("Please fill this in")
    String required();

    @Message("Please enter a valid email address, e.g. name@example.org")
    String invalidEmail();

    @Message("Please shorten this to {max} characters")
    String tooLong(int max);

    @Message("Please write the subject on one line")
    String oneLine();

    @Message("Please check the fields marked below")
    String fixFields();

    @Message("Too many messages from your connection. Please try again in a few minutes.")
    String tooManyRequests();

    @Message("This form can only be sent from our own website.")
    String crossSite();

    @Message("We have received your message \"{subject}\" and will answer you by email. Your reference: {reference}. You do not need to write again.")
    String confirmation(String subject, String reference);
}
