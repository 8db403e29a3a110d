package scot.sirgateway.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The accuracy command: prints per-field accuracy on the development half, and on the held-out half
 * when asked with {@code -Dcorpus.heldout=true}. The held-out half is only ever scored with frozen
 * rules, never used to change one; while rules are being written, leave it unscored.
 */
class CorpusAccuracyTest {

    @Test
    void printAccuracy() throws Exception {
        CorpusAccuracy accuracy = new CorpusAccuracy();
        // -Dcorpus.dev=src/test/resources/corpus/dev/written scores one part of the development half
        Path devFolder = Path.of(System.getProperty("corpus.dev", "src/test/resources/corpus/dev"));
        CorpusAccuracy.Score dev = accuracy.score(devFolder, Boolean.getBoolean("corpus.details"));
        System.out.println(CorpusAccuracy.table("dev", dev));
        assertThat(dev.documents()).isGreaterThanOrEqualTo(devFolder.endsWith("dev") ? 240 : 1);
        // every value the gateway was unsure of or got wrong sits in a notification an operator confirms
        assertThat(dev.triageOfWrongOrUnsure()).isEqualTo(dev.wrongOrUnsure());
        if (Boolean.getBoolean("corpus.heldout")) {
            CorpusAccuracy.Score heldout = accuracy.score(Path.of("src/test/resources/corpus/heldout"), false);
            System.out.println(CorpusAccuracy.table("held-out", heldout));
            assertThat(heldout.documents()).isEqualTo(60);
            assertThat(heldout.triageOfWrongOrUnsure()).isEqualTo(heldout.wrongOrUnsure());
        }
    }
}
