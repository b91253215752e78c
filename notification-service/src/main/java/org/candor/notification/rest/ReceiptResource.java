package org.candor.notification.rest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.candor.notification.config.NotificationConfig;
import org.candor.notification.service.ReceiptService;
import org.candor.platform.rest.Problem;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Delivery receipts from the providers. SMS: Twilio's status callback (form-encoded, signed in
 * {@code X-Twilio-Signature} with the provider's auth token over the callback URL and the sorted
 * parameters). Email: a bounce processor posts {@code {"messageId", "status", "reason"}} signed in
 * {@code X-Candor-Signature} (Base64 HMAC-SHA256 of the body with the receipt secret).
 */
@Path("/api/receipts")
@Tag(name = "Provider receipts")
@PermitAll
public class ReceiptResource {

    private final ReceiptService receipts;
    private final NotificationConfig config;
    private final ObjectMapper objectMapper;

    ReceiptResource(ReceiptService receipts, NotificationConfig config, ObjectMapper objectMapper) {
        this.receipts = receipts;
        this.config = config;
        this.objectMapper = objectMapper;
    }

    @POST
    @Path("/sms")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response sms(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form) {
        String url = config.sms().statusCallbackUrl().orElse("");
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, values) -> values.forEach(value -> signed.append(name).append(value)));
        boolean valid = signature != null && (
                matches(signature, hmac("HmacSHA1", config.sms().primary().authToken(), signed.toString()))
                || matches(signature, hmac("HmacSHA1", config.sms().secondary().authToken(), signed.toString())));
        if (!valid) {
            return Problem.of(Response.Status.FORBIDDEN, "The receipt's signature does not match").toResponse();
        }
        String sid = form.getFirst("MessageSid");
        String status = form.getFirst("MessageStatus");
        if (sid == null || status == null) {
            return Problem.invalid("Incomplete receipt", List.of(Problem.FieldError.field(sid == null ? "MessageSid"
                    : "MessageStatus", "is missing"))).toResponse();
        }
        ReceiptService.Receipt receipt = switch (status) {
            case "delivered", "read" -> ReceiptService.Receipt.DELIVERED;
            case "undelivered", "failed" -> ReceiptService.Receipt.BOUNCED;
            default -> null;
        };
        if (receipt == null) {
            return Response.noContent().build();
        }
        return apply(sid, receipt, form.getFirst("ErrorCode") == null ? status : status + " " + form.getFirst("ErrorCode"));
    }

    @POST
    @Path("/email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response email(@HeaderParam("X-Candor-Signature") String signature, String body) throws Exception {
        if (signature == null || !matches(signature, hmac("HmacSHA256", config.email().receiptSecret(), body))) {
            return Problem.of(Response.Status.FORBIDDEN, "The receipt's signature does not match").toResponse();
        }
        JsonNode json = objectMapper.readTree(body);
        String messageId = json.path("messageId").asText(null);
        String status = json.path("status").asText("");
        if (messageId == null) {
            return Problem.invalid("Incomplete receipt", List.of(Problem.FieldError.field("messageId", "is missing")))
                    .toResponse();
        }
        ReceiptService.Receipt receipt;
        try {
            receipt = ReceiptService.Receipt.valueOf(status);
        } catch (IllegalArgumentException e) {
            return Problem.invalid("Invalid receipt", List.of(Problem.FieldError.field("status",
                    "must be DELIVERED or BOUNCED"))).toResponse();
        }
        return apply(messageId, receipt, json.path("reason").asText(null));
    }

    private Response apply(String reference, ReceiptService.Receipt receipt, String reason) {
        return receipts.apply(reference, receipt, reason)
                .map(status -> Response.ok(Map.of("status", status.name())).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "No delivery with that provider reference")
                        .toResponse());
    }

    static String hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
