package org.candor.local;

import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * {@code ./candor mail <address>}: what the local SMTP server received for one address, oldest first, as its reader
 * would see it (date, sender, subject and the plain text), read over IMAP from the running suite.
 */
public final class LocalMail {

    private final int imapPort;

    public LocalMail(int imapPort) {
        this.imapPort = imapPort;
    }

    /** Prints every message to {@code address}; returns how many there were. */
    public int print(String address) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", String.valueOf(imapPort));
        Store store = Session.getInstance(properties).getStore("imap");
        // The local server keeps a mailbox per address, its password the address itself.
        store.connect(address, address);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            if (messages.length == 0) {
                System.out.println("No mail for " + address + " yet.");
            }
            for (Message message : messages) {
                System.out.println("----------------------------------------------------------------------");
                System.out.println("Date:    " + message.getSentDate());
                System.out.println("From:    " + String.join(", ", java.util.Arrays.stream(message.getFrom())
                        .map(Object::toString).toList()));
                System.out.println("Subject: " + message.getSubject());
                System.out.println();
                System.out.println(plainText(message).strip());
            }
            inbox.close(false);
            return messages.length;
        } finally {
            store.close();
        }
    }

    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }
}
