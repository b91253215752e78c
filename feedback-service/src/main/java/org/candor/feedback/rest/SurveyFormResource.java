package org.candor.feedback.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.candor.feedback.domain.QuestionType;
import org.candor.feedback.domain.SurveyDefinition;
import org.candor.feedback.service.CustomerService;
import org.candor.feedback.service.ResponseService;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;

/**
 * The public survey form behind each personal link: server-rendered, no JavaScript, German and
 * English. A bad link of any kind gets a page that says what happened. Each client (remote address)
 * gets a limited number of requests per minute, so links cannot be guessed by brute force
 * ({@link FormRateLimit}, which counts them before any of this runs).
 */
@Path("/survey/{token}")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Survey form")
public class SurveyFormResource {

    static final String FIELD_PREFIX = "q.";

    /** One choice as the form shows it. */
    @TemplateData
    public record Choice(String value, String label, boolean checked) {
    }

    /** One question as the form shows it. */
    @TemplateData
    public record QuestionView(String id, String type, String text, boolean required, List<Choice> choices,
            String textValue, String error, String lowLabel, String highLabel) {

        public boolean scale() {
            return "NPS".equals(type) || "CSAT".equals(type) || "TRUST".equals(type);
        }

        public boolean multiple() {
            return "MULTIPLE_CHOICE".equals(type);
        }

        public boolean freeText() {
            return "FREE_TEXT".equals(type);
        }
    }

    private final ResponseService responses;
    private final CustomerService customers;
    private final Template form;
    private final FormPages pages;

    SurveyFormResource(ResponseService responses, CustomerService customers, FormPages pages,
            @Location("survey/form.html") Template form) {
        this.responses = responses;
        this.customers = customers;
        this.pages = pages;
        this.form = form;
    }

    /** Opens the form; a score in the link ({@code ?<question id>=<score>}) is kept as a partial answer. */
    @GET
    public Response open(@PathParam("token") String token, @QueryParam("lang") String lang, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        Map<String, List<String>> fromLink = new LinkedHashMap<>(uri.getQueryParameters());
        ResponseService.Form state = responses.open(token, fromLink);
        return render(token, state, lang, headers, false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("token") String token, @QueryParam("lang") String lang,
            MultivaluedMap<String, String> fields, @Context HttpHeaders headers) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        fields.forEach((name, values) -> {
            if (name.startsWith(FIELD_PREFIX)) {
                given.put(name.substring(FIELD_PREFIX.length()), values);
            }
        });
        boolean submit = !"save".equals(fields.getFirst("action"));
        boolean consent = "yes".equals(fields.getFirst("contact"));
        ResponseService.Form state = responses.answer(token, given, consent, submit);
        return render(token, state, lang, headers, !submit);
    }

    @POST
    @Path("/opt-out")
    public Response optOut(@PathParam("token") String token, @QueryParam("lang") String lang,
            @Context HttpHeaders headers) {
        ResponseService.Status status = responses.optOut(token, customers);
        String language = FormTexts.choose(lang, null, headers.getAcceptableLanguages());
        if (status != ResponseService.Status.OPEN) {
            return refused(status, language);
        }
        return pages.page(200, language, "optedOut");
    }

    private Response render(String token, ResponseService.Form state, String lang, HttpHeaders headers, boolean saved) {
        String language = FormTexts.choose(lang, state.locale(), headers.getAcceptableLanguages());
        if (state.status() != ResponseService.Status.OPEN) {
            return refused(state.status(), language);
        }
        if (state.submitted()) {
            return pages.page(200, language, "thanks");
        }
        Map<String, String> texts = FormTexts.of(language);
        List<QuestionView> questions = new ArrayList<>();
        for (SurveyDefinition.Question question : state.survey().definition().questions()) {
            List<String> values = state.answers().getOrDefault(question.id(), List.of());
            List<Choice> choices = new ArrayList<>();
            if (question.type().isScale()) {
                for (int score = question.type().min(); score <= question.type().max(); score++) {
                    String value = Integer.toString(score);
                    choices.add(new Choice(value, value, values.contains(value)));
                }
            } else {
                for (SurveyDefinition.Option option : question.optionsOrEmpty()) {
                    choices.add(new Choice(option.id(), text(option.label(), language), values.contains(option.id())));
                }
            }
            ResponseService.AnswerError error = state.errors().get(question.id());
            boolean nps = question.type() == QuestionType.NPS;
            questions.add(new QuestionView(question.id(), question.type().name(), text(question.text(), language),
                    question.required(), choices,
                    question.type() == QuestionType.FREE_TEXT && !values.isEmpty() ? values.get(0) : "",
                    error == null ? null : texts.get("error." + error.name()),
                    nps ? texts.get("npsLow") : texts.get("scaleLow"), nps ? texts.get("npsHigh") : texts.get("scaleHigh")));
        }
        String html = form
                .data("t", texts)
                .data("title", text(state.survey().definition().title(), language))
                .data("questions", questions)
                .data("hasErrors", !state.errors().isEmpty())
                .data("saved", saved)
                .data("offerCallback", state.offerCallback())
                .data("contactConsent", state.contactConsent())
                .data("action", "/survey/" + token + "?lang=" + language)
                .data("optOutAction", "/survey/" + token + "/opt-out?lang=" + language)
                .data("otherLanguageLink", "/survey/" + token + "?lang=" + texts.get("otherLang"))
                .render();
        return Response.status(state.errors().isEmpty() ? 200 : 400).entity(html).type(MediaType.TEXT_HTML_TYPE + ";charset=UTF-8")
                .build();
    }

    private Response refused(ResponseService.Status status, String language) {
        int code = switch (status) {
            case EXPIRED -> 410;
            case ANSWERED -> 409;
            case TAMPERED, UNKNOWN -> 404;
            default -> 400;
        };
        return pages.page(code, language, status.name());
    }

    private static String text(Map<String, String> texts, String language) {
        String text = texts.get(language);
        return text != null ? text : texts.getOrDefault("en", texts.values().iterator().next());
    }
}
