package org.candor.incident.rest.publicpages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The status page's texts in English; {@code messages/msg_de.properties} holds the German ones. */
@MessageBundle(value = "msg", locale = "en")
public interface StatusMessages {

    @Message("Security incident status")
    String pageTitle();

    @Message("What we know about security incidents affecting our customers, what we are doing, and what you can do.")
    String intro();

    @Message("Skip to content")
    String skipToContent();

    @Message("Language")
    String language();

    @Message("Current incidents")
    String activeIncidents();

    @Message("Recently resolved")
    String recentIncidents();

    @Message("There are no incidents to report.")
    String noIncidents();

    @Message("What happened")
    String whatHappened();

    @Message("Data affected")
    String affectedData();

    @Message("What you should do now")
    String whatToDo();

    @Message("Updates")
    String timeline();

    @Message("Detected")
    String detected();

    @Message("edited")
    String edited();

    @Message("The signed state of our record of reporting duties and filings at that time: anyone can check later that the record was not changed.")
    String recordCheckpointHint();

    @Message("Need help?")
    String needHelp();

    @Message("Call our hotline (24/7)")
    String hotline();

    /** Before the hours the organisation profile gives. */
    @Message("Call our hotline")
    String hotlineWithHours();

    @Message("Chat with us")
    String chat();

    @Message("Is this message from us?")
    String checkMessage();

    @Message("Every email we send ends with a reference such as CND-7F3KQ-9XM2T. Enter it to see when we sent it and with which subject.")
    String checkHint();

    @Message("We will never ask you for a password, a PIN or payment details, not by email, text message or phone. We link only to our own website.")
    String neverAsk();

    @Message("Reference from the message")
    String checkLabel();

    @Message("Check")
    String checkButton();

    @Message("Get updates")
    String subscribe();

    @Message("We will send you a link to confirm. You can unsubscribe at any time.")
    String subscribeHint();

    @Message("Email address")
    String emailLabel();

    @Message("Or mobile number (international format, e.g. +49 151 1234567)")
    String phoneLabel();

    @Message("Subscribe")
    String subscribeButton();

    @Message("Atom feed")
    String feed();

    @Message("Investigating")
    String status_INVESTIGATING();

    @Message("Identified")
    String status_IDENTIFIED();

    @Message("Monitoring")
    String status_MONITORING();

    @Message("Resolved")
    String status_RESOLVED();

    @Message("Contact details (name, email, phone, address)")
    String category_CONTACT();

    @Message("Identity documents")
    String category_IDENTITY_DOCUMENTS();

    @Message("Passwords and login data")
    String category_CREDENTIALS();

    @Message("Financial data")
    String category_FINANCIAL();

    @Message("Payment card data")
    String category_PAYMENT_CARD();

    @Message("Health data")
    String category_HEALTH();

    @Message("Location data")
    String category_LOCATION();

    @Message("Communications content")
    String category_COMMUNICATIONS();

    @Message("Data about children")
    String category_CHILDREN();

    @Message("Other data")
    String category_OTHER();

    @Message("Be careful with emails, calls and messages that mention this incident or ask for personal data: we will never ask for your password.")
    String advice_phishing();

    @Message("Change your password, and change it on every other service where you used the same one. Turn on two-factor authentication.")
    String advice_password();

    @Message("Check your bank and card statements for payments you do not recognise and tell your bank at once if you find any.")
    String advice_statements();

    @Message("Ask your card issuer to block and replace the affected card.")
    String advice_card();

    @Message("Consider a credit freeze or fraud alert with the credit agencies, and watch for accounts opened in your name.")
    String advice_credit();

    @Message("Watch for messages about medical services you did not receive.")
    String advice_health();

    @Message("Subscription")
    String subscriptionTitle();

    @Message("Thank you. If the address or number can be used, you will receive a message to confirm your subscription shortly.")
    String subscriptionRequested();

    @Message("Your subscription is confirmed. Every message we send contains a link to unsubscribe.")
    String subscriptionConfirmed();

    @Message("Your subscription was already confirmed. You do not need to do anything else.")
    String subscriptionAlreadyConfirmed();

    @Message("This link is invalid or has expired. Please subscribe again.")
    String linkInvalid();

    @Message("Do you want to receive status updates about security incidents? Please confirm with the button.")
    String confirmQuestion();

    @Message("Confirm subscription")
    String confirmSubscriptionButton();

    @Message("Do you want to stop receiving status updates?")
    String unsubscribeQuestion();

    @Message("Unsubscribe")
    String unsubscribeButton();

    @Message("You have been unsubscribed.")
    String unsubscribed();

    @Message("Confirmation code")
    String codeLabel();

    @Message("Confirm")
    String confirmButton();

    @Message("Back to the status page")
    String back();

    @Message("Too many requests. Please wait a minute and try again.")
    String tooManyRequests();
}
