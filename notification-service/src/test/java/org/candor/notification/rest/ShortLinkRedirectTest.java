package org.candor.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.notification.domain.MessageContent;
import org.candor.notification.domain.SmsText;
import org.candor.notification.service.MessageCatalog;
import org.candor.notification.service.ShortLinks;
import org.candor.notification.service.TemplateRenderer;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.MutableClock;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class ShortLinkRedirectTest {

    private static final Pattern SHORT = Pattern.compile("https://notify\\.example\\.test(/s/[A-Za-z0-9_-]{12})");
    private static final MessageContent UPDATE = new MessageContent(Map.of("en", "The portal is safe again."), "RESOLVED",
            "Portal", Map.of(), java.util.List.of(), Map.of());

    @Inject
    TemplateRenderer renderer;

    @Inject
    ShortLinks shortLinks;

    @Inject
    MutableClock clock;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theShortLinkInASubscribersSmsRedirectsToTheirUnsubscribePage() {
        String unsubscribe = unsubscribeLink();

        SmsText sms = renderer.sms(MessageCatalog.PUBLIC_STATUS_UPDATE, "en", UPDATE, null, UUID.randomUUID(), unsubscribe,
                null);

        assertThat(sms.text()).doesNotContain("token=").contains("Stop: https://notify.example.test/s/");
        given().redirects().follow(false).get(path(sms.text())).then().statusCode(303)
                .header("Location", equalTo(unsubscribe)).header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void renderingTheSameLinkAgainGivesTheSameCodeAndStoresNoSecondRow() {
        String unsubscribe = unsubscribeLink();

        String first = renderer.sms(MessageCatalog.PUBLIC_STATUS_UPDATE, "en", UPDATE, null, null, unsubscribe, null).text();
        String second = renderer.sms(MessageCatalog.PUBLIC_STATUS_UPDATE, "en", UPDATE, null, null, unsubscribe, null).text();

        assertThat(second).isEqualTo(first);
        assertThat(rowsFor(unsubscribe)).isEqualTo(1);
    }

    @Test
    void aShortLinkExpiresWithTheLinkItStandsFor() {
        MessageContent code = new MessageContent(Map.of(), null, null, Map.of(), java.util.List.of(),
                Map.of("link", "https://support.example.test/widget/?verify=" + "v".repeat(120), "validMinutes", "15"));
        SmsText sms = renderer.sms("support-verification-link", "en", code, null, null);
        String path = path(sms.text());
        given().redirects().follow(false).get(path).then().statusCode(303);

        clock.set(Instant.now().plus(Duration.ofMinutes(16)));

        given().redirects().follow(false).header("Accept-Language", "de-DE,de;q=0.9").get(path).then().statusCode(410)
                .body(containsString("Dieser Link ist abgelaufen"));
    }

    @Test
    void aCodeNobodyWasGivenLeadsNowhere() {
        given().redirects().follow(false).get("/s/AAAAAAAAAAAA").then().statusCode(404)
                .body(containsString("This link is not valid"));
        given().redirects().follow(false).get("/s/not-a-code").then().statusCode(404);
    }

    @Test
    void linksToOtherSitesAreNeitherShortenedNorRedirectedTo() {
        String foreign = "https://evil.example/phish?x=" + "y".repeat(80);

        assertThat(shortLinks.of("unsubscribe", foreign, Instant.now().plusSeconds(3600))).isEmpty();
        assertThat(shortLinks.allowed("https://notify.example.test@evil.example/")).isFalse();
        assertThat(shortLinks.allowed("javascript:alert(1)")).isFalse();
        // A row that points elsewhere (written by hand, or left from another configuration) is not followed.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("insert into short_link (code, purpose,"
                + " target, expires_at) values ('ForeignTarg1', 'unsubscribe', :target, now() + interval '1 day')")
                .setParameter("target", foreign).executeUpdate());

        given().redirects().follow(false).get("/s/ForeignTarg1").then().statusCode(404);
    }

    private long rowsFor(String target) {
        return Fixtures.inTx(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from short_link where target = :target").setParameter("target", target)
                .getSingleResult()).longValue());
    }

    private static String unsubscribeLink() {
        return "https://status.example.test/status/subscriptions/unsubscribe?token=" + UUID.randomUUID() + "x".repeat(120);
    }

    private static String path(String sms) {
        Matcher matcher = SHORT.matcher(sms);
        assertThat(matcher.find()).as("a short link in: " + sms).isTrue();
        return matcher.group(1);
    }
}
