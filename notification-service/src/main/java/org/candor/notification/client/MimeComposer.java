package org.candor.notification.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Writes one email as the bytes of an SMTP DATA transfer: RFC 5322 headers, a multipart/alternative
 * body with a plain-text and an HTML part, each UTF-8 in quoted-printable (RFC 2045; readable in the
 * raw message and not scored as "text hidden in base64" by spam filters), and the terminating
 * {@code CRLF.CRLF}.
 *
 * <p>Headers: Date, From, Sender and Reply-To (when configured), To, Subject, Message-ID, the
 * message's own ({@code Auto-Submitted}, {@code List-Unsubscribe}, ...), MIME-Version and
 * Content-Type.
 *
 * <p>No line of the result starts with a dot: quoted-printable writes a leading dot as {@code =2E},
 * so the message needs no dot-stuffing. The boundary starts with {@code =_}, which quoted-printable
 * text can never contain, so it cannot collide with the content.
 */
public final class MimeComposer {

    private static final int QP_LINE = 76;
    /** RFC 5322 2.1.1: the longest line a message may have, without its CRLF. */
    static final int MAX_LINE = 998;
    /** Bytes of UTF-8 per RFC 2047 encoded word: 52 base64 characters, so "Subject: " and the word fit 76. */
    private static final int ENCODED_WORD_BYTES = 39;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private MimeComposer() {
    }

    /** A header beyond the ones every message has, e.g. {@code Auto-Submitted} or {@code List-Unsubscribe}. */
    public record Header(String name, String value) {
    }

    /**
     * One email. {@code sender} and {@code replyTo} are left out when null; {@code to} may have a
     * local part in UTF-8 (RFC 6532), which only a relay offering SMTPUTF8 takes.
     */
    public record Email(String from, String sender, String replyTo, String to, String subject, String messageId,
            ZonedDateTime date, List<Header> headers, String text, String html) {

        public Email(String from, String to, String subject, String messageId, ZonedDateTime date, String text,
                String html) {
            this(from, null, null, to, subject, messageId, date, List.of(), text, html);
        }
    }

    /** The message as the bytes of an SMTP DATA transfer: {@link #message} and the terminating {@code CRLF.CRLF}. */
    public static byte[] compose(Email email) {
        return data(message(email));
    }

    /** The bytes of an SMTP DATA transfer for a message: CRLF line ends assumed, the terminating dot added. */
    public static byte[] data(byte[] message) {
        byte[] data = java.util.Arrays.copyOf(message, message.length + 3);
        data[message.length] = '.';
        data[message.length + 1] = '\r';
        data[message.length + 2] = '\n';
        return data;
    }

    /**
     * The RFC 5322 message, ending with CRLF. No line is longer than 998 octets (RFC 5322 2.1.1): a
     * header that would be is refused as a permanent failure of this delivery.
     */
    public static byte[] message(Email email) {
        singleLine("From", email.from());
        singleLine("To", email.to());
        singleLine("Subject", email.subject());
        singleLine("Message-ID", email.messageId());
        String boundary = "=_candor_" + Integer.toHexString(email.messageId().hashCode());
        StringBuilder head = new StringBuilder(1024);
        header(head, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(email.date()));
        header(head, "From", mailbox(email.from()));
        if (email.sender() != null) {
            singleLine("Sender", email.sender());
            header(head, "Sender", mailbox(email.sender()));
        }
        if (email.replyTo() != null) {
            singleLine("Reply-To", email.replyTo());
            header(head, "Reply-To", mailbox(email.replyTo()));
        }
        header(head, "To", email.to());
        header(head, "Subject", encodeWords(email.subject()));
        header(head, "Message-ID", email.messageId());
        for (Header extra : email.headers()) {
            singleLine(extra.name(), extra.value());
            header(head, extra.name(), extra.value());
        }
        header(head, "MIME-Version", "1.0");
        header(head, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(email.text().length() + email.html().length() * 11 / 10 + 1024);
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        out.write(headBytes, 0, headBytes.length);
        part(out, boundary, "text/plain", email.text());
        part(out, boundary, "text/html", email.html());
        ascii(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String type, String content) {
        ascii(out, "--" + boundary + "\r\nContent-Type: " + type
                + "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        quotedPrintable(out, content);
        ascii(out, "\r\n");
    }

    /** Header values must be one line: a CR or LF from data would start a header of its own. */
    private static void singleLine(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new PermanentDeliveryException("line break in the " + name + " header");
        }
    }

    private static void header(StringBuilder head, String name, String value) {
        String field = name + ": " + value;
        for (String line : field.split("\r\n")) {
            if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE) {
                throw new PermanentDeliveryException("the " + name + " header would be longer than 998 octets");
            }
        }
        head.append(field).append("\r\n");
    }

    /** {@code Name <address>} with the display name encoded when it is not plain ASCII. */
    static String mailbox(String mailbox) {
        int open = mailbox.lastIndexOf('<');
        if (open <= 0) {
            return mailbox;
        }
        String name = mailbox.substring(0, open).trim();
        return isPlainAscii(name) ? name + " " + mailbox.substring(open)
                : encodeWords(name) + "\r\n " + mailbox.substring(open);
    }

    /** The bare address of {@code Name <address>} or {@code address}, for the SMTP envelope. */
    public static String address(String mailbox) {
        int open = mailbox.lastIndexOf('<');
        int close = mailbox.lastIndexOf('>');
        return open >= 0 && close > open ? mailbox.substring(open + 1, close).trim() : mailbox.trim();
    }

    /** RFC 2047: ASCII text stays as it is; anything else becomes base64 encoded words on folded lines. */
    static String encodeWords(String text) {
        if (isPlainAscii(text) && text.length() <= 900) {
            return text;
        }
        StringBuilder words = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            while (end < text.length()) {
                int codePoint = text.codePointAt(end);
                int length = utf8Length(codePoint);
                if (bytes + length > ENCODED_WORD_BYTES) {
                    break;
                }
                bytes += length;
                end += Character.charCount(codePoint);
            }
            if (words.length() > 0) {
                words.append("\r\n ");
            }
            words.append("=?UTF-8?B?")
                    .append(Base64.getEncoder().encodeToString(text.substring(start, end).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            start = end;
        }
        return words.toString();
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    /**
     * Quoted-printable with CRLF line ends: printable ASCII stays, everything else (and "=", a dot at
     * the start of a line, blanks at the end of one) becomes =XX; lines longer than 76 characters get
     * soft breaks.
     */
    static void quotedPrintable(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int column = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                continue;
            }
            if (b == '\n') {
                out.write('\r');
                out.write('\n');
                column = 0;
                continue;
            }
            boolean lineEndsHere = i + 1 == bytes.length || bytes[i + 1] == '\n' || bytes[i + 1] == '\r';
            boolean literal = (b >= 33 && b <= 126 && b != '=' && !(b == '.' && column == 0))
                    || ((b == ' ' || b == '\t') && !lineEndsHere);
            int width = literal ? 1 : 3;
            // Keep room for the "=" of a soft break unless this is the line's last character.
            if (column + width > (lineEndsHere ? QP_LINE : QP_LINE - 1)) {
                out.write('=');
                out.write('\r');
                out.write('\n');
                column = 0;
                if (b == '.') {
                    literal = false;
                    width = 3;
                }
            }
            if (literal) {
                out.write(b);
            } else {
                out.write('=');
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0xf]);
            }
            column += width;
        }
    }

    private static void ascii(ByteArrayOutputStream out, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            out.write(text.charAt(i));
        }
    }
}
