package scot.sirgateway.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * AES-256-GCM with a 96-bit random IV and a caller-supplied associated data, so that a ciphertext
 * cannot be moved to another row unnoticed. New data is encrypted under the current key; data under
 * any configured old key stays readable.
 */
@Component
public class StorageCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final SecretKey lookupKey;

    public StorageCipher(StorageProperties properties) {
        this.currentKeyId = properties.keyId();
        String current = properties.key();
        if (current == null || current.isBlank()) {
            current = readOrCreateKeyFile(properties.generatedKeyFile());
        }
        keys.put(currentKeyId, parseKey("gateway.storage.key", current));
        properties.oldKeys().forEach((id, value) -> {
            if (!id.equals(currentKeyId)) {
                keys.put(id, parseKey("gateway.storage.old-keys." + id, value));
            }
        });
        lookupKey = new SecretKeySpec(hmac(keys.get(currentKeyId), "sir-gateway lookup hash v1"), "HmacSHA256");
    }

    /** A ciphertext with the id of the key and the IV that made it. */
    public record Sealed(String keyId, byte[] iv, byte[] ciphertext) {
    }

    public Sealed encrypt(byte[] plain, String associatedData) {
        return encrypt(plain, 0, plain.length, associatedData);
    }

    /** The same for {@code length} bytes of {@code plain} from {@code offset} (a chunk of a larger blob). */
    public Sealed encrypt(byte[] plain, int offset, int length, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv, associatedData);
            return new Sealed(currentKeyId, iv, cipher.doFinal(plain, offset, length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption at rest failed", e);
        }
    }

    public byte[] decrypt(Sealed sealed, String associatedData) {
        try {
            return cipher(Cipher.DECRYPT_MODE, key(sealed.keyId()), sealed.iv(), associatedData).doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored data failed its integrity check (key id " + sealed.keyId() + ")", e);
        }
    }

    /**
     * Decrypts into {@code out} from {@code offset}; answers how many bytes it wrote. GCM checks the tag before
     * it writes a byte: on a failed check nothing of the plaintext is in {@code out}.
     */
    public int decrypt(Sealed sealed, String associatedData, byte[] out, int offset) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key(sealed.keyId()), sealed.iv(), associatedData);
            if (cipher.getOutputSize(sealed.ciphertext().length) > out.length - offset) {
                throw new IllegalStateException("stored data is longer than its recorded size (key id "
                        + sealed.keyId() + ")");
            }
            return cipher.doFinal(sealed.ciphertext(), 0, sealed.ciphertext().length, out, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored data failed its integrity check (key id " + sealed.keyId() + ")", e);
        }
    }

    /** The id of the key new data is encrypted under. */
    public String currentKeyId() {
        return currentKeyId;
    }

    private SecretKey key(String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("stored data is encrypted under key id '" + keyId
                    + "', which is neither gateway.storage.key-id nor one of gateway.storage.old-keys");
        }
        return key;
    }

    /**
     * The associated data of a value kept in a column: its table, the row's key (id, reference or
     * Message-ID) and the column, so a ciphertext moved to another row or column fails to decrypt.
     */
    public static String associatedData(String table, Object row, String column) {
        return table + ":" + row + ":" + column;
    }

    /**
     * A compact single-column form for short values: key id, IV and ciphertext in one byte array.
     * Layout: key id length (1 byte), key id (ASCII), IV (12 bytes), ciphertext.
     */
    public byte[] encryptValue(String value, String associatedData) {
        if (value == null) {
            return null;
        }
        Sealed sealed = encrypt(value.getBytes(StandardCharsets.UTF_8), associatedData);
        byte[] id = sealed.keyId().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[1 + id.length + IV_BYTES + sealed.ciphertext().length];
        out[0] = (byte) id.length;
        System.arraycopy(id, 0, out, 1, id.length);
        System.arraycopy(sealed.iv(), 0, out, 1 + id.length, IV_BYTES);
        System.arraycopy(sealed.ciphertext(), 0, out, 1 + id.length + IV_BYTES, sealed.ciphertext().length);
        return out;
    }

    public String decryptValue(byte[] packed, String associatedData) {
        if (packed == null) {
            return null;
        }
        int idLength = packed[0];
        String keyId = new String(packed, 1, idLength, StandardCharsets.US_ASCII);
        int ivStart = 1 + idLength;
        byte[] iv = java.util.Arrays.copyOfRange(packed, ivStart, ivStart + IV_BYTES);
        byte[] ciphertext = java.util.Arrays.copyOfRange(packed, ivStart + IV_BYTES, packed.length);
        return new String(decrypt(new Sealed(keyId, iv, ciphertext), associatedData), StandardCharsets.UTF_8);
    }

    /**
     * A keyed hash (HMAC-SHA256, hex) of a value kept encrypted, for the columns that are also looked up
     * by value (the outbox's count per recipient). Its key is derived from the current storage key, so
     * the hash tells nothing to whoever lacks that key; after a key rotation new rows hash differently.
     */
    public String lookupHash(String value) {
        if (value == null) {
            return null;
        }
        return java.util.HexFormat.of().formatHex(hmac(lookupKey, value));
    }

    private static byte[] hmac(SecretKey key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKey parseKey(String property, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (AES-256) once base64-decoded, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** Embedded mode only: keep a generated key beside the demo database, readable by its owner alone. */
    private String readOrCreateKeyFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            String encoded = Base64.getEncoder().encodeToString(raw);
            Files.writeString(file, encoded + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file keeps the folder's permissions
            }
            return encoded;
        } catch (IOException e) {
            throw new IllegalStateException("gateway.storage.generated-key-file " + file + " cannot be read or created", e);
        }
    }
}
