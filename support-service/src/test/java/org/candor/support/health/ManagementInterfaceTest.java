package org.candor.support.health;

import static io.restassured.RestAssured.given;

import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Management;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health, metrics and the API description live on the management interface only: the application port,
 * the one an Ingress routes, does not serve them.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ManagementInterfaceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"})
    void theApplicationPortDoesNotServeManagementPaths(String path) {
        given().redirects().follow(false).get(path).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"})
    void theManagementInterfaceServesThem(String path) {
        Management.given().redirects().follow(false).get(path).then().statusCode(200);
    }
}
