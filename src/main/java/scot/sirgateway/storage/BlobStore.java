package scot.sirgateway.storage;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one place bytes are kept at rest: message bytes, headers, documents and outgoing mail, each
 * encrypted under its own random IV with the blob id as associated data.
 */
@Repository
public class BlobStore {

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final Clock clock;

    public BlobStore(JdbcClient jdbc, StorageCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Encrypts and stores the bytes; answers the new blob's id. */
    public String put(byte[] plain) {
        String id = UUID.randomUUID().toString();
        StorageCipher.Sealed sealed = cipher.encrypt(plain, id);
        jdbc.sql("INSERT INTO blob (id, key_id, iv, ciphertext, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, sealed.keyId(), sealed.iv(), sealed.ciphertext(), OffsetDateTime.now(clock))
                .update();
        return id;
    }

    public byte[] get(String id) {
        StorageCipher.Sealed sealed = jdbc.sql("SELECT key_id, iv, ciphertext FROM blob WHERE id = ?")
                .param(id)
                .query((rs, n) -> new StorageCipher.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("no stored blob " + id));
        return cipher.decrypt(sealed, id);
    }
}
