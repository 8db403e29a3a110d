package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * With {@code gateway.extract.warm-up} the reader processes are started in the background once the gateway is
 * ready, as many as {@code workers}, and the first document is read by one of them; without it none starts
 * before a document comes.
 */
class DocumentReaderWarmUpTest {

    private static DocumentText documentText(Path scratch, boolean warmUp) {
        return new DocumentText(new ExtractProperties(15_000_000, 1_000_000, 100, 100, 5, Duration.ofSeconds(30), 2,
                DataSize.ofMegabytes(128), scratch, warmUp));
    }

    @Test
    void readersShouldBeWaitingBeforeTheFirstDocumentAndReadIt(@TempDir Path dir) {
        DocumentText text = documentText(dir.resolve("scratch"), true);
        try {
            assertThat(text.idleReaders()).isZero();

            text.warmUp();

            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> text.idleReaders() == 2);
            String read = text.text("notifier_name: Warm\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    DocumentText.Kind.TEXT, "attachment 1 (text)");
            assertThat(read).contains("notifier_name: Warm");
            // the reader that read it went back to wait: no third process was started
            assertThat(text.idleReaders()).isEqualTo(2);
        } finally {
            text.stop();
        }
    }

    @Test
    void withoutWarmUpNoReaderShouldStartBeforeADocument(@TempDir Path dir) {
        DocumentText text = documentText(dir.resolve("scratch"), false);
        try {
            text.warmUp();

            assertThat(text.idleReaders()).isZero();
        } finally {
            text.stop();
        }
    }
}
