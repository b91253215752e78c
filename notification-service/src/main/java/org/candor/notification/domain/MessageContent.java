package org.candor.notification.domain;

import java.util.List;
import java.util.Map;

/**
 * The data a message's templates render, frozen when the message is created so that a retry days
 * later says exactly what the first attempt said.
 *
 * @param texts the update's text per locale (status updates), else empty
 * @param status the update's status, or null
 * @param title the incident's public title, or null
 * @param summaries the incident's summary per locale
 * @param dataCategories the kinds of personal data concerned
 * @param parameters a request's template parameters
 */
public record MessageContent(Map<String, String> texts, String status, String title, Map<String, String> summaries,
        List<String> dataCategories, Map<String, String> parameters) {
}
