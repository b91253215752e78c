package org.candor.feedback.rest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** The survey form's message pages (thanks, opted out, expired link, too many requests, ...). */
@ApplicationScoped
class FormPages {

    private final Template message;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    FormPages(@Location("survey/message.html") Template message) {
        this.message = message;
    }

    /** The page of kind {@code key} (e.g. {@code thanks}) in {@code language}, with {@code status}. */
    Response page(int status, String language, String key) {
        return Response.status(status).entity(html(language, key)).type(MediaType.TEXT_HTML_TYPE + ";charset=UTF-8")
                .build();
    }

    /** The HTML of that page: it depends only on its language and kind, so it is rendered once. */
    String html(String language, String key) {
        return pages.computeIfAbsent(language + "/" + key, page -> {
            Map<String, String> texts = FormTexts.of(language);
            return message.data("t", texts)
                    .data("heading", texts.get(key + "Title"))
                    .data("text", texts.get(key + "Text"))
                    .data("kind", key)
                    .render();
        });
    }
}
