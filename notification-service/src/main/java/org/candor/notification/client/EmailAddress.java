package org.candor.notification.client;

import java.nio.charset.StandardCharsets;

import com.ibm.icu.text.IDNA;

/**
 * A recipient's address as SMTP carries it: the domain as its ASCII form (IDNA2008 / UTS #46,
 * non-transitional, so {@code straße.de} stays {@code xn--strae-oqa.de} and is not turned into
 * {@code strasse.de}), the local part as it is. A local part that is not ASCII can only be sent
 * through a relay that offers SMTPUTF8 (RFC 6531); the transport checks that per connection.
 *
 * @param envelope the address for {@code RCPT TO} and the {@code To} header
 * @param needsSmtpUtf8 whether the local part has characters outside ASCII
 */
public record EmailAddress(String envelope, boolean needsSmtpUtf8) {

    private static final IDNA IDNA_2008 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO | IDNA.USE_STD3_RULES);
    /** RFC 5321 4.5.3.1: 64 octets of local part, 255 of domain. */
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 255;

    /** The address ready for SMTP; a {@link PermanentDeliveryException} naming what is wrong when it cannot be sent. */
    public static EmailAddress of(String address) {
        if (address == null || address.isBlank()) {
            throw new PermanentDeliveryException("no email address");
        }
        String trimmed = address.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new PermanentDeliveryException("not an email address (local part and domain)");
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1);
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';'
                    || c == ':' || c == '\\' || c == '"' || c == '[' || c == ']' || c == '@') {
                throw new PermanentDeliveryException("the local part of the email address has a character SMTP cannot carry");
            }
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL) {
            throw new PermanentDeliveryException("the local part of the email address is longer than 64 octets");
        }
        StringBuilder ascii = new StringBuilder(domain.length() + 16);
        IDNA.Info info = new IDNA.Info();
        IDNA_2008.nameToASCII(domain, ascii, info);
        if (info.hasErrors() || ascii.length() > MAX_DOMAIN || ascii.indexOf(".") < 0) {
            throw new PermanentDeliveryException("the domain of the email address is not a valid (internationalised) domain name"
                    + (info.hasErrors() ? " " + info.getErrors() : ""));
        }
        return new EmailAddress(local + "@" + ascii, !isAscii(local));
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
