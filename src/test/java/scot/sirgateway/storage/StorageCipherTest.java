package scot.sirgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageCipherTest {

    private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String KEY_B = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    @Test
    void valueShouldRoundTripAndNotAppearInTheCiphertext() {
        StorageCipher cipher = new StorageCipher(new StorageProperties(KEY_A, "a", Map.of(), null));
        byte[] sealed = cipher.encryptValue("Jane Offender", "row-1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Jane");
        assertThat(cipher.decryptValue(sealed, "row-1")).isEqualTo("Jane Offender");
        assertThat(cipher.encryptValue("Jane Offender", "row-1")).isNotEqualTo(sealed); // fresh IV each time
    }

    @Test
    void ciphertextMovedToAnotherRowShouldFailItsIntegrityCheck() {
        StorageCipher cipher = new StorageCipher(new StorageProperties(KEY_A, "a", Map.of(), null));
        byte[] sealed = cipher.encryptValue("value", "row-1");
        assertThatThrownBy(() -> cipher.decryptValue(sealed, "row-2")).hasMessageContaining("integrity");
    }

    @Test
    void dataUnderAnOldKeyShouldStayReadableAfterRotation() {
        StorageCipher before = new StorageCipher(new StorageProperties(KEY_A, "a", Map.of(), null));
        byte[] old = before.encryptValue("kept", "x");
        StorageCipher after = new StorageCipher(new StorageProperties(KEY_B, "b", Map.of("a", KEY_A), null));
        assertThat(after.decryptValue(old, "x")).isEqualTo("kept");
        byte[] fresh = after.encryptValue("new", "x");
        assertThat(new String(fresh, 1, fresh[0], StandardCharsets.US_ASCII)).isEqualTo("b");
        StorageCipher withoutOldKey = new StorageCipher(new StorageProperties(KEY_B, "b", Map.of(), null));
        assertThatThrownBy(() -> withoutOldKey.decryptValue(old, "x")).hasMessageContaining("key id 'a'");
    }

    @Test
    void wrongKeySettingsShouldNameTheProperty() {
        assertThatThrownBy(() -> new StorageCipher(new StorageProperties("not base64!", "a", Map.of(), null)))
                .hasMessageContaining("gateway.storage.key");
        assertThatThrownBy(() -> new StorageCipher(new StorageProperties(KEY_A, "a", Map.of("old", "c2hvcnQ="), null)))
                .hasMessageContaining("gateway.storage.old-keys.old");
    }

    @Test
    void embeddedModeShouldGenerateItsKeyOnceAndKeepIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/storage.key");
        StorageCipher first = new StorageCipher(new StorageProperties(null, "k1", Map.of(), file));
        byte[] sealed = first.encryptValue("demo", "x");
        StorageCipher second = new StorageCipher(new StorageProperties(null, "k1", Map.of(), file));
        assertThat(second.decryptValue(sealed, "x")).isEqualTo("demo");
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
    }

    @Test
    void lookupHashShouldBeStableKeyedAndNotTheValue() {
        StorageCipher a = new StorageCipher(new StorageProperties(KEY_A, "a", Map.of(), null));
        StorageCipher b = new StorageCipher(new StorageProperties(KEY_B, "b", Map.of(), null));
        String hash = a.lookupHash("cjsw@demo-council.test");
        assertThat(hash).matches("[0-9a-f]{64}").doesNotContain("demo");
        assertThat(a.lookupHash("cjsw@demo-council.test")).isEqualTo(hash);
        assertThat(a.lookupHash("other@demo-council.test")).isNotEqualTo(hash);
        assertThat(b.lookupHash("cjsw@demo-council.test")).isNotEqualTo(hash); // without the key, no dictionary
    }
}
