package org.candor.notification.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Twilio-shaped SMS gateway's Messages API, {@code POST /2010-04-01/Accounts/{sid}/Messages.json}.
 * Built per provider by {@link SmsGatewayClient} with that whole path as its base URI. The form
 * (To, From, Body, StatusCallback) comes encoded: the fields are the same for every message but To
 * and Body, and encoding them directly costs a fraction of the generic form writer.
 */
interface TwilioRestClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TwilioMessage(String sid, String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    TwilioMessage send(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            String form);
}
