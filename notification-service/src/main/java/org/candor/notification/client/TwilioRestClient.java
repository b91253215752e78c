package org.candor.notification.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A Twilio-shaped SMS gateway's Messages API. Built per provider by {@link SmsGatewayClient}. */
@Path("/2010-04-01/Accounts/{accountSid}/Messages.json")
interface TwilioRestClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TwilioMessage(String sid, String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    TwilioMessage send(@PathParam("accountSid") String accountSid,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @FormParam("To") String to,
            @FormParam("From") String from,
            @FormParam("Body") String body,
            @FormParam("StatusCallback") String statusCallback);
}
