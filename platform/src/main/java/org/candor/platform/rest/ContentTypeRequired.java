package org.candor.platform.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body must say what it is: an operation that declares the media types it consumes refuses a body without
 * {@code Content-Type} with 415 instead of guessing (an import would otherwise read any bytes as CSV).
 */
public class ContentTypeRequired {

    @ServerRequestFilter
    public Optional<Response> requireContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getMediaType() != null || !hasBody(request) || resource.getResourceMethod() == null) {
            return Optional.empty();
        }
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes == null || Arrays.asList(consumes.value()).contains(MediaType.WILDCARD)) {
            return Optional.empty();
        }
        String accepted = String.join(", ", consumes.value());
        return Optional.of(new Problem("https://candor.dev/problems/415", "Unsupported Media Type", 415,
                "The body has no Content-Type; send one of " + accepted, List.of()).toResponse());
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
