package org.candor.incident.service.overview;

/**
 * One service's contribution to the overview: its summary, or why it is missing, so that the overview
 * answers even when a service is down.
 */
public record Part<T>(boolean available, T summary, String unavailableReason) {

    public static <T> Part<T> of(T summary) {
        return new Part<>(true, summary, null);
    }

    public static <T> Part<T> unavailable(String reason) {
        return new Part<>(false, null, reason);
    }
}
