package org.candor.testsupport;

import java.net.URI;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface of the application under test: health, metrics and OpenAPI
 * ({@code /q/*}) listen on their own port, apart from the APIs and pages, as in production.
 */
public final class Management {

    private Management() {
    }

    /** A REST Assured request aimed at the management interface, e.g. {@code Management.given().get("/q/health/ready")}. */
    public static RequestSpecification given() {
        URI uri = uri();
        return RestAssured.given().baseUri(uri.getScheme() + "://" + uri.getHost()).port(uri.getPort());
    }

    /** The management interface's base address, e.g. {@code http://localhost:41235}. */
    public static URI uri() {
        return URI.create(TestHTTPResourceManager.getManagementUri());
    }
}
