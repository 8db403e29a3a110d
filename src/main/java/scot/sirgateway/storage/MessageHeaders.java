package scot.sirgateway.storage;

import java.io.ByteArrayInputStream;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

/**
 * The few header facts the gateway needs before it trusts a message's structure: Message-ID and the
 * From address. Lenient by design: a message whose headers cannot be read still gets stored.
 */
public record MessageHeaders(InternetHeaders headers, String messageId, String fromAddress) {

    public static MessageHeaders parse(byte[] raw) {
        return parse(new ByteArrayInputStream(raw));
    }

    /** The same from a stream, read no further than the blank line after the headers. */
    public static MessageHeaders parse(java.io.InputStream raw) {
        InternetHeaders headers;
        try {
            headers = new InternetHeaders(raw);
        } catch (MessagingException | RuntimeException e) {
            headers = new InternetHeaders();
        }
        return new MessageHeaders(headers, messageIdOf(headers), fromAddressOf(headers.getHeader("From", ",")));
    }

    static String messageIdOf(InternetHeaders headers) {
        String id = headers.getHeader("Message-ID", null);
        if (id == null || id.isBlank()) {
            return null;
        }
        id = id.trim();
        return id.length() > 998 ? id.substring(0, 998) : id;
    }

    /** The first From address, lower-cased, or null when there is none that parses as a plain address. */
    public static String fromAddressOf(String fromHeader) {
        if (fromHeader == null || fromHeader.isBlank()) {
            return null;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(fromHeader, false);
            if (addresses.length == 0 || addresses[0].getAddress() == null) {
                return null;
            }
            // the lenient parse hands back what it could not split as the address itself: only a plain
            // addr-spec is an address the gateway can name a sender by or write to
            addresses[0].validate();
            String address = addresses[0].getAddress().trim().toLowerCase(Locale.ROOT);
            return address.length() > 320 || !address.contains("@") ? null : address;
        } catch (AddressException e) {
            return null;
        }
    }

    /**
     * Whether the address is a placeholder that can never receive mail: its domain is {@code invalid} or
     * under it (RFC 2606), as the council registry writes an address not yet known.
     */
    public static boolean placeholder(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        return domain.equals("invalid") || domain.endsWith(".invalid");
    }

    public String header(String name) {
        return headers.getHeader(name, ",");
    }
}
