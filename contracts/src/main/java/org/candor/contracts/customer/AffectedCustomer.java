package org.candor.contracts.customer;

/**
 * A person affected by an incident, with contact details. Travels only on the affected-customer
 * topic and in notification requests.
 *
 * @param phone E.164, or null
 * @param locale BCP 47 language tag such as {@code de} or {@code en-GB}
 * @param country ISO 3166-1 alpha-2
 * @param region ISO 3166-2, or null
 */
public record AffectedCustomer(String customerId, String name, String email, String phone, String locale,
        String country, String region, String segment) {
}
