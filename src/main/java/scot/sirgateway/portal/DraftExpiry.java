package scot.sirgateway.portal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import scot.sirgateway.operator.OperatorAccounts;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.submit.FormProperties;

/**
 * Drafts nobody has changed for {@code gateway.forms.draft-lifetime} (30 days) are deleted with their
 * documents; {@code gateway.forms.expiry-warning} (7 days) before, the people who worked on one are told
 * once by mail (its Message-ID fixed by the draft and its last change, so a second gateway or a second run
 * queues nothing more; saving the draft again starts both clocks anew). The mail names no answer of the
 * draft. Run by the route {@code portal-draft-expiry}.
 */
@Component
public class DraftExpiry {

    private static final Logger log = LoggerFactory.getLogger(DraftExpiry.class);

    private final Drafts drafts;
    private final OperatorAccounts accounts;
    private final Outbox outbox;
    private final MailComposer composer;
    private final FormProperties properties;
    private final Clock clock;

    DraftExpiry(Drafts drafts, OperatorAccounts accounts, Outbox outbox, MailComposer composer,
            FormProperties properties, Clock clock) {
        this.drafts = drafts;
        this.accounts = accounts;
        this.outbox = outbox;
        this.composer = composer;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes the drafts past their lifetime, then warns of those a week from it. */
    public void run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int deleted = 0;
        for (Drafts.Idle idle : drafts.idleSince(now.minus(properties.draftLifetime()))) {
            if (drafts.expire(idle.id(), idle.updatedAt())) {
                deleted++;
            }
        }
        int warned = 0;
        for (Drafts.Idle idle : drafts.unwarnedSince(now.minus(properties.draftLifetime()).plus(properties.expiryWarning()))) {
            warn(idle);
            if (drafts.markWarned(idle.id(), idle.updatedAt())) {
                warned++;
            }
        }
        if (deleted > 0 || warned > 0) {
            log.info("Web form drafts: {} deleted after {} days untouched, {} warned", deleted,
                    properties.draftLifetime().toDays(), warned);
        }
    }

    private void warn(Drafts.Idle idle) {
        List<String> recipients = idle.editors().stream()
                .map(username -> accounts.find(username).map(OperatorAccounts.Account::email).orElse(null))
                .filter(Objects::nonNull).distinct().toList();
        if (recipients.isEmpty()) {
            return;
        }
        String what = idle.kind() == Drafts.Kind.REVIEW ? "review" : "serious incident notification";
        String deletedOn = idle.updatedAt().plus(properties.draftLifetime()).atZoneSameInstant(clock.getZone())
                .toLocalDate().format(FieldView.WRITTEN_DATE);
        String text = "A draft " + what + " you worked on in the SIR Gateway has not been changed since "
                + idle.updatedAt().atZoneSameInstant(clock.getZone()).toLocalDate().format(FieldView.WRITTEN_DATE) + ".\n\n"
                + "It will be deleted on " + deletedOn + ", with its documents, unless someone at your council saves it "
                + "before then.\n\n"
                + "To keep it, sign in to the SIR Gateway, open it from your council's notifications and save any page. "
                + "If it is no longer needed, you need do nothing.\n";
        String messageId = composer.messageId("draft-" + idle.id() + "." + idle.updatedAt().toEpochSecond() + ".expiry");
        byte[] mime = composer.compose(messageId, recipients, List.of(), "Your draft in the SIR Gateway will be deleted on "
                + deletedOn, scot.sirgateway.smime.SmimeEncryptor.textPart(text), "auto-generated", null);
        outbox.queue(Outbox.Purpose.DRAFT_EXPIRY_WARNING, messageId, recipients, mime, null, null);
    }
}
