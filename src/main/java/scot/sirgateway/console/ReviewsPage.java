package scot.sirgateway.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import scot.sirgateway.review.Reviews;

/**
 * {@code GET /reviews}: the inspectors' work list. The reviews waiting for the inspectorate's comment (the earliest
 * comment due date first, overdue ones marked), the reviews waiting in triage for an operator to confirm their unsure
 * values, and the notifications whose council's review is due within {@link #DUE_SOON_DAYS} days or overdue. With
 * {@code ?show=mine} only the notifications whose strategic inspector is the person signed in.
 */
@Controller
class ReviewsPage {

    /** A council's review is listed from this many days before it is due, as its first reminder goes. */
    static final int DUE_SOON_DAYS = 28;

    private final Reviews reviews;
    private final Clock clock;

    ReviewsPage(Reviews reviews, Clock clock) {
        this.reviews = reviews;
        this.clock = clock;
    }

    /** A review on the list, in words. */
    record Row(String reference, int seq, String link, String type, String council, String inspector, String date,
            boolean overdue) {
    }

    /** A notification whose review is due, in words. */
    record DueRow(String reference, String link, String council, String inspector, String due, boolean overdue) {
    }

    @GetMapping("/reviews")
    String list(@RequestParam(required = false) String show, Authentication person, Model model) {
        boolean mine = "mine".equals(show);
        LocalDate today = ReviewWords.today(clock);
        Predicate<String> shown = inspector -> !mine || person.getName().equals(inspector);
        model.addAttribute("mine", mine);
        model.addAttribute("waiting", reviews.waitingForComment().stream().filter(r -> shown.test(r.inspector()))
                .map(r -> new Row(r.reference(), r.seq(), link(r), ReviewWords.type(r.reviewType()), r.council(),
                        r.inspector(), ReviewWords.date(r.commentDue()), r.commentDue().isBefore(today)))
                .toList());
        model.addAttribute("triage", reviews.inTriage().stream().filter(r -> shown.test(r.inspector()))
                .map(r -> new Row(r.reference(), r.seq(), link(r), ReviewWords.type(r.reviewType()), r.council(),
                        r.inspector(), ReviewWords.time(r.receivedAt()), false))
                .toList());
        List<DueRow> due = reviews.reviewsDueBy(today.plusDays(DUE_SOON_DAYS)).stream()
                .filter(n -> shown.test(n.inspector()))
                .map(n -> new DueRow(n.reference(), "/notifications/" + n.reference(), n.council(), n.inspector(),
                        ReviewWords.date(n.reviewDue()), n.reviewDue().isBefore(today)))
                .toList();
        model.addAttribute("due", due);
        model.addAttribute("dueSoonDays", DUE_SOON_DAYS);
        return "console/reviews";
    }

    private static String link(Reviews.Listed review) {
        return "/notifications/" + review.reference() + "/reviews/" + review.seq();
    }
}
