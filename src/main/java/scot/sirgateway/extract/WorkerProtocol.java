package scot.sirgateway.extract;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gateway and a {@link DocumentWorker} say to each other over the worker's stdin and stdout:
 * length-prefixed fields, no serialised objects (the worker reads hostile documents; the gateway
 * trusts nothing it answers beyond these fields and their bounds).
 *
 * <pre>
 * start:    worker → READY
 * request:  op (TEXT | PDF), declared kind, document bytes, [PDF: password count, passwords]
 * reply:    status, detail, [OK: TEXT: text | PDF: opened candidate, encryption, value count, (key, value)..., text]
 * </pre>
 */
final class WorkerProtocol {

    static final int READY = 0x53495257;
    static final int TEXT = 1;
    static final int PDF = 2;

    /** How a request ended; the detail names a type or an exception class, never document content. */
    enum Status {
        OK, NOT_DECLARED_TYPE, UNREADABLE, NOT_A_PDF, PASSWORD_REQUIRED, TEXT_LIMIT, EXPANSION_LIMIT
    }

    private WorkerProtocol() {
    }

    record Request(int op, DocumentText.Kind declared, byte[] document, List<String> passwords) {

        void write(DataOutputStream out) throws IOException {
            out.writeInt(op);
            out.writeInt(declared.ordinal());
            writeBytes(out, document);
            if (op == PDF) {
                out.writeInt(passwords.size());
                for (String password : passwords) {
                    writeString(out, password);
                }
            }
            out.flush();
        }

        static Request read(DataInputStream in, int maxDocumentBytes) throws IOException {
            int op = in.readInt();
            if (op != TEXT && op != PDF) {
                throw new IOException("unknown request");
            }
            DocumentText.Kind declared = DocumentText.Kind.values()[bounded(in.readInt(), DocumentText.Kind.values().length - 1)];
            byte[] document = readBytes(in, maxDocumentBytes);
            List<String> passwords = new ArrayList<>();
            if (op == PDF) {
                int count = bounded(in.readInt(), 1000);
                for (int i = 0; i < count; i++) {
                    passwords.add(readString(in, 10_000));
                }
            }
            return new Request(op, declared, document, passwords);
        }
    }

    /** A form value a PDF holds: the form's key and the value as written. */
    /**
     * A form value: {@code key} is a {@link scot.sirgateway.model.FormField}'s name, or, for a field of
     * another form, {@link #OTHER} and the field's own name.
     */
    record Value(String key, String value) {

        static final String OTHER = "other:";

        static Value other(String fieldName, String value) {
            return new Value(OTHER + fieldName, value);
        }

        boolean isFormField() {
            return !key.startsWith(OTHER);
        }

        /** The key as a line of text writes it: the form key, or the other field's name. */
        String written() {
            return isFormField() ? scot.sirgateway.model.FormField.valueOf(key).key() : key.substring(OTHER.length());
        }
    }

    /**
     * The answer: for a PDF, which password candidate opened it (-1: none), its encryption algorithm
     * (null: not encrypted), its form values, and its text when it holds no form values.
     */
    record Reply(Status status, String detail, String text, int opened, String encryption, List<Value> values) {

        static Reply failed(Status status, String detail) {
            return new Reply(status, detail, null, -1, null, List.of());
        }

        static Reply text(String text) {
            return new Reply(Status.OK, "", text, -1, null, List.of());
        }

        void write(DataOutputStream out, int op) throws IOException {
            out.writeInt(status.ordinal());
            writeString(out, detail);
            if (status == Status.OK) {
                if (op == PDF) {
                    out.writeInt(opened);
                    writeString(out, encryption == null ? "" : encryption);
                    out.writeInt(values.size());
                    for (Value value : values) {
                        writeString(out, value.key());
                        writeString(out, value.value());
                    }
                }
                out.writeBoolean(text != null);
                writeString(out, text == null ? "" : text);
            }
            out.flush();
        }

        static Reply read(DataInputStream in, int op, int maxChars) throws IOException {
            Status status = Status.values()[bounded(in.readInt(), Status.values().length - 1)];
            String detail = readString(in, 200);
            if (status != Status.OK) {
                return failed(status, detail);
            }
            int opened = -1;
            String encryption = null;
            List<Value> values = new ArrayList<>();
            if (op == PDF) {
                opened = in.readInt();
                encryption = readString(in, 100);
                int count = bounded(in.readInt(), 10_000);
                for (int i = 0; i < count; i++) {
                    values.add(new Value(readString(in, 100), readString(in, maxChars)));
                }
            }
            boolean hasText = in.readBoolean();
            String text = readString(in, maxChars);
            return new Reply(status, detail, hasText ? text : null, opened, encryption == null || encryption.isEmpty()
                    ? null : encryption, values);
        }
    }

    private static int bounded(int value, int max) throws IOException {
        if (value < 0 || value > max) {
            throw new IOException("a field out of its bounds");
        }
        return value;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in, int max) throws IOException {
        byte[] bytes = new byte[bounded(in.readInt(), max)];
        in.readFully(bytes);
        return bytes;
    }

    /** Strings as UTF-16 chars, so that any Java string (unpaired surrogates too) arrives as it left. */
    private static void writeString(DataOutputStream out, String text) throws IOException {
        out.writeInt(text.length());
        out.writeChars(text);
    }

    private static String readString(DataInputStream in, int maxChars) throws IOException {
        char[] chars = new char[bounded(in.readInt(), maxChars)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }
}
