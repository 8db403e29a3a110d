package scot.sirgateway.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Hands a message to an SMTP server exactly as its bytes are (a client library would add or rewrite headers):
 * the tests' mail server and the benchmark's both send this way.
 */
public final class SmtpSubmission {

    private SmtpSubmission() {
    }

    /**
     * Sends the message, streamed as it is read, to the server on {@code 127.0.0.1:port}; answers the moment the
     * server accepted it (its 250 after the data).
     */
    public static long send(int port, String helo, String from, String to, InputStream raw, int timeoutMillis)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "HELO " + helo, "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            writeDotStuffed(raw, out);
            command(out, in, ".", "250");
            long accepted = System.currentTimeMillis();
            command(out, in, "QUIT", "221");
            return accepted;
        }
    }

    /**
     * The message as SMTP's DATA wants it, streamed without a copy (a test's 20 MB message must not take the
     * small heap of the gateway it shares): every line ended by CRLF (a bare LF becomes CRLF), a line starting
     * with a dot given a second one, and a CRLF after the last line.
     */
    private static void writeDotStuffed(InputStream raw, OutputStream socket) throws IOException {
        InputStream in = new BufferedInputStream(raw, 64 * 1024);
        OutputStream out = new BufferedOutputStream(socket, 64 * 1024);
        boolean lineStart = true;
        int b = in.read();
        while (b != -1) {
            int next = in.read();
            if (b == '\n' || b == '\r' && next == '\n') {
                if (b == '\r') {
                    next = in.read();
                }
                out.write('\r');
                out.write('\n');
                lineStart = true;
                b = next;
                continue;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
            b = next;
        }
        out.write('\r');
        out.write('\n');
        out.flush();
    }

    private static void command(OutputStream out, BufferedReader in, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("SMTP connection closed, expected " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("SMTP answered '" + line + "', expected " + code);
        }
    }
}
