package org.candor.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.fuzz.OpenApiFuzz;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad input to every operation of the service's OpenAPI document: never a 5xx, every 4xx a problem (or a page). */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class FuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationAnswersBadInputWithAProblemAndNeverAServerError() {
        OpenApiFuzz.Report report = OpenApiFuzz.against(base).run();
        report.coverage().forEach(System.out::println);

        assertThat(report.failures()).as(report.describe()).isEmpty();
        assertThat(report.operations()).isGreaterThan(0);
    }
}
