package scot.sirgateway.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

import jakarta.mail.MessagingException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place bytes are kept at rest: message bytes, headers, documents and outgoing mail, each
 * encrypted under its own random IV with the blob id as associated data.
 *
 * <p>Bytes over one chunk ({@value #CHUNK_BYTES} bytes) are kept as chunks ({@code blob_chunk}), each sealed on its
 * own with {@code <blob id>:<n>:more} or {@code <blob id>:<n>:last} as associated data, so a chunk moved, dropped,
 * repeated or put out of order fails its check. They are encrypted as they are written and decrypted one at a
 * time into the answer: a 25 MB message is never held as plaintext and ciphertext at once. A blob is read back
 * only once every chunk has passed its check.
 */
@Repository
public class BlobStore {

    /**
     * The size of a chunk: a row's ciphertext, the most a blob being written holds in memory, and the pieces a
     * blob read with {@link #open} is held in (under half of G1's smallest region: never a "humongous" array).
     */
    static final int CHUNK_BYTES = 256 * 1024;

    /** What writes the bytes of a blob to the stream it is given (a message written out, a mail composed). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException, MessagingException;
    }

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final Clock clock;

    public BlobStore(JdbcClient jdbc, StorageCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Encrypts and stores the bytes; answers the new blob's id. */
    @Transactional
    public String put(byte[] plain) {
        return put(out -> out.write(plain));
    }

    /**
     * Encrypts and stores what the content writes, a chunk at a time as it comes; answers the new blob's id. In the
     * caller's transaction (or one of its own): a blob is stored whole or not at all.
     */
    @Transactional
    public String put(Content content) {
        String id = UUID.randomUUID().toString();
        try (SealingStream out = new SealingStream(id)) {
            content.writeTo(out);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("bytes for blob " + id + " could not be written", e);
        }
        return id;
    }

    public byte[] get(String id) {
        Row row = row(id);
        if (row.chunks() == null) {
            return cipher.decrypt(row.sealed(), id);
        }
        if (row.size() < 0 || row.size() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("stored blob " + id + " has an impossible size");
        }
        byte[] plain = new byte[(int) row.size()];
        int at = 0;
        for (int n = 0; n < row.chunks(); n++) {
            at += cipher.decrypt(chunk(id, row, n), chunkData(id, n, n == row.chunks() - 1), plain, at);
        }
        if (at != plain.length) {
            throw new IllegalStateException("stored blob " + id + " is shorter than its recorded size");
        }
        return plain;
    }

    /**
     * The bytes of a blob as its decrypted chunks, every one checked before this answers: for a large blob read as
     * a stream (a message parsed, a mail sent) without one array of its whole size.
     */
    public StoredBytes open(String id) {
        Row row = row(id);
        if (row.chunks() == null) {
            return new StoredBytes(java.util.List.of(cipher.decrypt(row.sealed(), id)));
        }
        java.util.List<byte[]> chunks = new java.util.ArrayList<>(row.chunks());
        long size = 0;
        for (int n = 0; n < row.chunks(); n++) {
            byte[] chunk = cipher.decrypt(chunk(id, row, n), chunkData(id, n, n == row.chunks() - 1));
            size += chunk.length;
            chunks.add(chunk);
        }
        if (size != row.size()) {
            throw new IllegalStateException("stored blob " + id + " is not its recorded size");
        }
        return new StoredBytes(chunks);
    }

    private Row row(String id) {
        return jdbc.sql("SELECT key_id, iv, ciphertext, chunks, size_bytes FROM blob WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Row(new StorageCipher.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3)),
                        (Integer) rs.getObject(4, Integer.class), rs.getLong(5)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("no stored blob " + id));
    }

    private StorageCipher.Sealed chunk(String id, Row row, int n) {
        return jdbc.sql("SELECT iv, ciphertext FROM blob_chunk WHERE blob_id = ? AND n = ?")
                .params(id, n)
                .query((rs, i) -> new StorageCipher.Sealed(row.sealed().keyId(), rs.getBytes(1), rs.getBytes(2)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("stored blob " + id + " lacks chunk " + n));
    }

    private record Row(StorageCipher.Sealed sealed, Integer chunks, long size) {
    }

    /** The associated data of a chunk: its blob, its place, and whether the blob ends with it. */
    static String chunkData(String id, int n, boolean last) {
        return id + ":" + n + ":" + (last ? "last" : "more");
    }

    /**
     * Holds at most one chunk: a blob that ends within it is one row as before; else the blob's row comes first,
     * then each chunk as it fills, the last sealed as the last when the stream is closed.
     */
    private final class SealingStream extends OutputStream {
        private final String id;
        private byte[] chunk = new byte[8 * 1024];
        private int filled;
        private int chunks;
        private long size;

        SealingStream(String id) {
            this.id = id;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            while (length > 0) {
                if (filled == CHUNK_BYTES) {
                    seal(false);
                }
                if (filled == chunk.length) {
                    chunk = Arrays.copyOf(chunk, Math.min(CHUNK_BYTES, chunk.length * 2));
                }
                int take = Math.min(length, chunk.length - filled);
                System.arraycopy(b, offset, chunk, filled, take);
                filled += take;
                offset += take;
                length -= take;
                size += take;
            }
        }

        private void seal(boolean last) {
            if (chunks == 0) {
                jdbc.sql("INSERT INTO blob (id, key_id, iv, ciphertext, created_at, chunks, size_bytes) "
                                + "VALUES (?, ?, ?, ?, ?, 0, 0)")
                        .params(id, cipher.currentKeyId(), new byte[0], new byte[0], OffsetDateTime.now(clock))
                        .update();
            }
            StorageCipher.Sealed sealed = cipher.encrypt(chunk, 0, filled, chunkData(id, chunks, last));
            jdbc.sql("INSERT INTO blob_chunk (blob_id, n, iv, ciphertext) VALUES (?, ?, ?, ?)")
                    .params(id, chunks, sealed.iv(), sealed.ciphertext())
                    .update();
            chunks++;
            filled = 0;
        }

        @Override
        public void close() {
            if (chunk == null) {
                return;
            }
            if (chunks == 0) {
                StorageCipher.Sealed sealed = cipher.encrypt(chunk, 0, filled, id);
                jdbc.sql("INSERT INTO blob (id, key_id, iv, ciphertext, created_at) VALUES (?, ?, ?, ?, ?)")
                        .params(id, sealed.keyId(), sealed.iv(), sealed.ciphertext(), OffsetDateTime.now(clock))
                        .update();
            } else {
                seal(true);
                jdbc.sql("UPDATE blob SET chunks = ?, size_bytes = ? WHERE id = ?").params(chunks, size, id).update();
            }
            chunk = null;
        }
    }
}
