package org.candor.feedback.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The fixed wording of the survey pages, in English; German in {@code messages/form_de.properties}. */
@MessageBundle(value = "form", locale = "en")
public interface FormMessages {

    @Message("en")
    String lang();

    @Message("Deutsch")
    String otherLanguage();

    @Message("de")
    String otherLang();

    @Message("required")
    String required();

    @Message("Save and continue later")
    String save();

    @Message("Send my answers")
    String submit();

    @Message("Your answers so far are saved. You can come back through the same link.")
    String saved();

    @Message("Please check the marked questions.")
    String errorSummary();

    @Message("Please answer this question.")
    String errorRequired();

    @Message("Please choose one of the offered answers.")
    String errorInvalid();

    @Message("Please write at most 2000 characters.")
    String errorTooLong();

    @Message("0 = not at all likely")
    String npsLow();

    @Message("10 = extremely likely")
    String npsHigh();

    @Message("1 = not at all")
    String scaleLow();

    @Message("5 = completely")
    String scaleHigh();

    @Message("You may contact me about my answers.")
    String contact();

    @Message("Don't want surveys?")
    String optOutTitle();

    @Message("Never send me surveys again")
    String optOut();

    @Message("Thank you")
    String thanksTitle();

    @Message("Your answers have been received. They help us do better.")
    String thanksText();

    @Message("You will not receive surveys any more")
    String optedOutTitle();

    @Message("We have noted your wish. You will not be asked again.")
    String optedOutText();

    @Message("This link is not valid")
    String tamperedTitle();

    @Message("The link may be incomplete. Please open it again from your message, or copy the whole address into your browser.")
    String tamperedText();

    @Message("This link is not valid")
    String unknownTitle();

    @Message("We cannot find this survey invitation any more.")
    String unknownText();

    @Message("This link has expired")
    String expiredTitle();

    @Message("The survey is closed for this invitation. Thank you for your interest.")
    String expiredText();

    @Message("You have already answered")
    String answeredTitle();

    @Message("Thank you: we have your answers from this invitation. Each invitation can be answered once.")
    String answeredText();

    @Message("Too many requests")
    String tooManyRequestsTitle();

    @Message("We received too many requests from your connection in a short time. Please wait a minute and try again; your answers so far are kept.")
    String tooManyRequestsText();
}
