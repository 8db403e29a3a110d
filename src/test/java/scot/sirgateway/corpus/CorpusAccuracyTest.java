package scot.sirgateway.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The accuracy command: prints per-field accuracy on the development and held-out halves. The
 * held-out half is only ever scored, never used to change a rule.
 */
class CorpusAccuracyTest {

    @Test
    void printAccuracyOnBothHalves() throws Exception {
        CorpusAccuracy accuracy = new CorpusAccuracy();
        boolean details = Boolean.getBoolean("corpus.details");
        CorpusAccuracy.Score dev = accuracy.score(Path.of("src/test/resources/corpus/dev"), details);
        System.out.println(CorpusAccuracy.table("dev", dev));
        CorpusAccuracy.Score heldout = accuracy.score(Path.of("src/test/resources/corpus/heldout"), false);
        System.out.println(CorpusAccuracy.table("held-out", heldout));
        assertThat(dev.documents()).isEqualTo(60);
        assertThat(heldout.documents()).isEqualTo(60);
        // every value the gateway was unsure of or got wrong sits in a notification an operator confirms
        assertThat(dev.triageOfWrongOrUnsure()).isEqualTo(dev.wrongOrUnsure());
        assertThat(heldout.triageOfWrongOrUnsure()).isEqualTo(heldout.wrongOrUnsure());
    }
}
