package scot.sirgateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import scot.sirgateway.extract.ContentTexts;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.model.SignoffRole;

class ReviewReaderTest {

    private final ReviewReader reader = new ReviewReader();

    private static ContentTexts.Text body(String text) {
        return new ContentTexts.Text("the body", text, false);
    }

    private static ContentTexts.Text document(String text) {
        return new ContentTexts.Text("attachment 1 (Word)", text, true);
    }

    @Test
    void labelledKeysShouldBeCertainAndMakeAReview() {
        ReviewReader.Reading reading = reader.read(List.of(body("Dear inspectorate,\n\nReview type: Part One: Case Review\n"
                + "Reviewer name: Reviewer A\nReviewer role: Team Manager\nSigned off by: Signer B\n"
                + "Sign-off role: Chief Social Work Officer\nDate signed off: 01/12/2026\n")), "[SIR-2026-0001] Review");

        assertThat(reading.review()).isTrue();
        assertThat(reading.needsTriage()).isFalse();
        assertThat(reading.values().get(ReviewKey.REVIEW_TYPE).value()).isEqualTo(ReviewType.IAR);
        assertThat(reading.values().get(ReviewKey.REVIEW_TYPE).confidence()).isEqualTo(1.0);
        assertThat(reading.values().get(ReviewKey.REVIEWER_NAME).value()).isEqualTo("Reviewer A");
        assertThat(reading.values().get(ReviewKey.REVIEWER_ROLE).value()).isEqualTo("Team Manager");
        assertThat(reading.values().get(ReviewKey.SIGNOFF_NAME).value()).isEqualTo("Signer B");
        assertThat(reading.values().get(ReviewKey.SIGNOFF_ROLE).value()).isEqualTo(SignoffRole.CSWO);
        assertThat(reading.values().get(ReviewKey.SIGNOFF_DATE).value()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(reading.values().get(ReviewKey.SIGNOFF_DATE).source()).isEqualTo(FieldSource.DOCUMENT_LABEL);
    }

    @Test
    void typeFromADocumentsHeadingShouldBeUnsureButMakeAReview() {
        ReviewReader.Reading reading = reader.read(List.of(body("Please find our review attached."),
                document("Part Two: Reflective Learning Review\nDemo Council\n\nWhat happened and what we learnt.")), null);

        assertThat(reading.review()).isTrue();
        assertThat(reading.needsTriage()).isTrue();
        assertThat(reading.values().get(ReviewKey.REVIEW_TYPE).value()).isEqualTo(ReviewType.COMPREHENSIVE);
        assertThat(reading.values().get(ReviewKey.REVIEW_TYPE).confidence()).isEqualTo(ReviewReader.UNSURE);
    }

    @Test
    void typeOnlyInProseShouldNotMakeAReview() {
        ReviewReader.Reading reading = reader.read(List.of(body("We will send the initial analysis review next week.")),
                "Re: [SIR-2026-0001] question");

        assertThat(reading.review()).isFalse();
        assertThat(reading.values().get(ReviewKey.REVIEW_TYPE).confidence()).isEqualTo(ReviewReader.UNSURE);
    }

    @Test
    void correspondenceShouldNotBeAReview() {
        assertThat(reader.read(List.of(body("Please correct the date of birth: it is 02/03/1990, not 03/02/1990.")),
                "Re: [SIR-2026-0001]").review()).isFalse();
        // a notification's sign-off alone is no review
        assertThat(reader.read(List.of(body("signoff_name: A Person\nsignoff_role: Service Manager\n")), null).review())
                .isFalse();
    }

    @Test
    void twoLabelledKeysWithoutATypeShouldBeAReviewInTriage() {
        ReviewReader.Reading reading = reader.read(List.of(document("| Reviewer | Reviewer C |\n| Sign-off role | "
                + "Head of Justice Services |\n| Sign-off date | 3 December 2026 |\n")), null);

        assertThat(reading.review()).isTrue();
        assertThat(reading.needsTriage()).isTrue();
        assertThat(reading.values().get(ReviewKey.SIGNOFF_ROLE).value()).isEqualTo(SignoffRole.HEAD_OF_SERVICE);
        assertThat(reading.values().get(ReviewKey.SIGNOFF_DATE).value()).isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void labelAloneShouldTakeTheNextLineAsItsValue() {
        ReviewReader.Reading reading = reader.read(List.of(document("Type of review\nComprehensive\nSign-off date:\n"
                + "not yet\n")), null);

        assertThat(reading.values().get(ReviewKey.REVIEW_TYPE).value()).isEqualTo(ReviewType.COMPREHENSIVE);
        assertThat(reading.unreadable()).containsExactly(ReviewKey.SIGNOFF_DATE);
        assertThat(reading.needsTriage()).isTrue();
    }

    @Test
    void wordsShouldNameTheTypeAndTheSignoffRole() {
        assertThat(ReviewReader.reviewType("IAR")).contains(ReviewType.IAR);
        assertThat(ReviewReader.reviewType("initial analysis review")).contains(ReviewType.IAR);
        assertThat(ReviewReader.reviewType("COMPREHENSIVE")).contains(ReviewType.COMPREHENSIVE);
        assertThat(ReviewReader.reviewType("a review")).isEmpty();
        assertThat(ReviewReader.signoffRole("CSWO")).isEqualTo(SignoffRole.CSWO);
        assertThat(ReviewReader.signoffRole("HEAD_OF_SERVICE")).isEqualTo(SignoffRole.HEAD_OF_SERVICE);
        assertThat(ReviewReader.signoffRole("Head of Children and Justice Services")).isEqualTo(SignoffRole.HEAD_OF_SERVICE);
        assertThat(ReviewReader.signoffRole("Service Manager")).isEqualTo(SignoffRole.OTHER);
    }
}
