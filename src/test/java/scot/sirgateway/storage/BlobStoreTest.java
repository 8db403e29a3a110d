package scot.sirgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.support.GatewayTest;

/**
 * Blobs over one chunk are written and read a chunk at a time, each chunk sealed on its own: what was written
 * comes back byte for byte, nothing of it is readable at rest, and a chunk dropped, moved or swapped fails the
 * read. Blobs within one chunk, and rows written before chunks, are one ciphertext as before.
 */
class BlobStoreTest extends GatewayTest {

    @Autowired
    BlobStore blobs;

    private static byte[] noise(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void blobOverOneChunkShouldComeBackWholeAndBeKeptInSealedChunks() {
        byte[] plain = noise(BlobStore.CHUNK_BYTES * 2 + 12_345, 1);
        String id = blobs.put(plain);

        assertThat(blobs.get(id)).isEqualTo(plain);
        assertThat(jdbc.sql("SELECT chunks FROM blob WHERE id = ?").param(id).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT size_bytes FROM blob WHERE id = ?").param(id).query(Long.class).single())
                .isEqualTo(plain.length);
        byte[] first = jdbc.sql("SELECT ciphertext FROM blob_chunk WHERE blob_id = ? AND n = 0").param(id)
                .query(byte[].class).single();
        assertThat(first).hasSize(BlobStore.CHUNK_BYTES + 16);
        assertThat(indexOf(first, java.util.Arrays.copyOf(plain, 64))).isNegative();
    }

    @Test
    void openedBlobShouldReadAsASharedStreamOverItsChunks() throws Exception {
        byte[] plain = noise(BlobStore.CHUNK_BYTES * 3 + 99, 8);
        StoredBytes opened = blobs.open(blobs.put(plain));
        assertThat(opened.size()).isEqualTo(plain.length);
        assertThat(opened.stream().readAllBytes()).isEqualTo(plain);

        var shared = (jakarta.mail.internet.SharedInputStream) opened.stream();
        int from = BlobStore.CHUNK_BYTES - 10;
        int to = BlobStore.CHUNK_BYTES * 2 + 10;
        assertThat(shared.newStream(from, to).readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(plain, from, to));
        java.io.InputStream rest = shared.newStream(from, -1);
        assertThat(rest.read()).isEqualTo(plain[from] & 0xff);
        assertThat(((jakarta.mail.internet.SharedInputStream) rest).getPosition()).isEqualTo(1);
        assertThat(((jakarta.mail.internet.SharedInputStream) rest).newStream(1, 3).readAllBytes())
                .isEqualTo(java.util.Arrays.copyOfRange(plain, from + 1, from + 3));
        // a message parsed from it is views on the chunks, byte for byte
        byte[] mail = ("Subject: x\r\nContent-Type: text/plain\r\n\r\n" + "line\r\n".repeat(200_000))
                .getBytes(StandardCharsets.US_ASCII);
        var message = new jakarta.mail.internet.MimeMessage(null, blobs.open(blobs.put(mail)).stream());
        assertThat(message.getSubject()).isEqualTo("x");
        assertThat(message.getRawInputStream().readAllBytes()).hasSize(mail.length - 40);
        assertThat(blobs.open(blobs.put(new byte[0])).stream().read()).isEqualTo(-1);
    }

    @Test
    void contentWrittenInSmallPiecesShouldBeKeptAsItWasWritten() {
        byte[] plain = noise(BlobStore.CHUNK_BYTES + 1, 2);
        String id = blobs.put(out -> {
            for (int i = 0; i < plain.length; i += 1000) {
                out.write(plain, i, Math.min(1000, plain.length - i));
            }
            out.write('!');
        });
        byte[] read = blobs.get(id);
        assertThat(read).hasSize(plain.length + 1);
        assertThat(java.util.Arrays.copyOf(read, plain.length)).isEqualTo(plain);
        assertThat(read[plain.length]).isEqualTo((byte) '!');
    }

    @Test
    void blobWithinOneChunkShouldBeOneCiphertextAsBefore() {
        byte[] plain = "a small blob".getBytes(StandardCharsets.UTF_8);
        String id = blobs.put(plain);
        assertThat(blobs.get(id)).isEqualTo(plain);
        assertThat(jdbc.sql("SELECT chunks FROM blob WHERE id = ?").param(id).query(Integer.class).optional()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM blob_chunk WHERE blob_id = ?", id)).isZero();
        assertThat(blobs.get(blobs.put(new byte[BlobStore.CHUNK_BYTES]))).hasSize(BlobStore.CHUNK_BYTES);
    }

    @Test
    void chunksSwappedOrDroppedShouldFailTheRead() {
        String swapped = blobs.put(noise(BlobStore.CHUNK_BYTES * 2 + 5, 3));
        jdbc.sql("UPDATE blob_chunk SET n = 9 WHERE blob_id = ? AND n = 0").param(swapped).update();
        jdbc.sql("UPDATE blob_chunk SET n = 0 WHERE blob_id = ? AND n = 1").param(swapped).update();
        jdbc.sql("UPDATE blob_chunk SET n = 1 WHERE blob_id = ? AND n = 9").param(swapped).update();
        assertThatThrownBy(() -> blobs.get(swapped)).hasMessageContaining("integrity check");

        // the last chunk dropped and the count lowered to match: the new last chunk was not sealed as the last
        String truncated = blobs.put(noise(BlobStore.CHUNK_BYTES * 2 + 5, 4));
        jdbc.sql("DELETE FROM blob_chunk WHERE blob_id = ? AND n = 2").param(truncated).update();
        jdbc.sql("UPDATE blob SET chunks = 2, size_bytes = ? WHERE id = ?").params(BlobStore.CHUNK_BYTES * 2, truncated)
                .update();
        assertThatThrownBy(() -> blobs.get(truncated)).hasMessageContaining("integrity check");

        // a chunk of another blob put in place of one of this blob's
        String other = blobs.put(noise(BlobStore.CHUNK_BYTES * 2 + 5, 5));
        String target = blobs.put(noise(BlobStore.CHUNK_BYTES * 2 + 5, 6));
        jdbc.sql("UPDATE blob_chunk SET ciphertext = (SELECT ciphertext FROM blob_chunk WHERE blob_id = ? AND n = 1), "
                + "iv = (SELECT iv FROM blob_chunk WHERE blob_id = ? AND n = 1) WHERE blob_id = ? AND n = 1")
                .params(other, other, target).update();
        assertThatThrownBy(() -> blobs.get(target)).hasMessageContaining("integrity check");
    }

    @Test
    void rowWrittenBeforeChunksShouldStillBeRead() {
        byte[] plain = noise(BlobStore.CHUNK_BYTES * 2, 7);
        String id = java.util.UUID.randomUUID().toString();
        StorageCipher.Sealed sealed = cipher.encrypt(plain, id);
        jdbc.sql("INSERT INTO blob (id, key_id, iv, ciphertext, created_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")
                .params(id, sealed.keyId(), sealed.iv(), sealed.ciphertext()).update();
        assertThat(blobs.get(id)).isEqualTo(plain);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
