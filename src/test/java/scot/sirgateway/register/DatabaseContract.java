package scot.sirgateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.storage.BlobStore;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestMessages;

/**
 * What must hold on every database the gateway runs on (H2 and PostgreSQL, one subclass each): the
 * migrations, the repositories, references under concurrency, nothing readable at rest, and the
 * mail flow itself.
 */
abstract class DatabaseContract extends GatewayClient {

    @Autowired
    BlobStore blobs;
    @Autowired
    StoredMessages storedMessages;
    @Autowired
    ReferenceAllocator references;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Notifications notifications;
    @Autowired
    scot.sirgateway.followup.FollowUpRecords followUpRecords;
    @Autowired
    scot.sirgateway.followup.InformationRequests informationRequests;
    @Autowired
    scot.sirgateway.followup.ReminderPause reminderPause;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    /** The intake mailbox of this database's gateway. */
    abstract String intake();

    @Test
    void migrationsShouldHaveCreatedEveryTable() {
        for (String table : List.of("blob", "council", "council_domain", "council_alias", "stored_message",
                "reference_sequence", "notification", "notification_field", "notification_event", "quarantine",
                "outbox_mail", "operator_account", "idempotency_key")) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isGreaterThanOrEqualTo(0);
        }
        assertThat(count("SELECT COUNT(*) FROM council WHERE demo = FALSE")).isEqualTo(32);
    }

    @Test
    void blobShouldRoundTripAndBeStoredEncrypted() {
        byte[] plain = "offender DOB 01/02/1990 and a description".getBytes(StandardCharsets.UTF_8);
        String id = blobs.put(plain);
        assertThat(blobs.get(id)).isEqualTo(plain);
        byte[] stored = jdbc.sql("SELECT ciphertext FROM blob WHERE id = ?").param(id).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("offender");
        assertThat(stored.length).isEqualTo(plain.length + 16); // GCM tag, nothing else in clear
    }

    @Test
    void blobOfSeveralChunksShouldRoundTripAndBeStoredEncrypted() {
        byte[] line = "offender DOB 01/02/1990 and a description\n".getBytes(StandardCharsets.UTF_8);
        byte[] plain = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = line[i % line.length];
        }
        String id = blobs.put(plain);
        assertThat(blobs.get(id)).isEqualTo(plain);
        assertThat(count("SELECT COUNT(*) FROM blob_chunk WHERE blob_id = ?", id)).isGreaterThan(1);
        for (byte[] stored : jdbc.sql("SELECT ciphertext FROM blob_chunk WHERE blob_id = ?").param(id)
                .query(byte[].class).list()) {
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("offender");
        }
    }

    @Test
    void storeShouldRecogniseARedeliveryThroughAnotherRelay() {
        String messageId = TestMessages.newMessageId("elsewhere.example");
        byte[] raw = TestMessages.plain("x@elsewhere.example", messageId, "s", "body\r\n", Map.of());
        byte[] relayed = ("Received: from relay.example by mx.example; Fri, 27 Nov 2026 10:00:01 +0000\r\n"
                + "Return-Path: <x@elsewhere.example>\r\n" + new String(raw, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        StoredMessages.Stored first = storedMessages.store(raw, "MAIL");
        StoredMessages.Stored second = storedMessages.store(relayed, "MAIL");
        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(storedMessages.find(first.id()).orElseThrow().deliveryCount()).isEqualTo(2);
    }

    @Test
    void outboxShouldNeverQueueTheSameMessageIdTwice() {
        String messageId = "<" + java.util.UUID.randomUUID() + ".test@sir-gateway.test>";
        byte[] mime = "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        boolean first = transactions.execute(tx -> outbox.queue(Outbox.Purpose.REJECTION, messageId,
                "nobody@demo-council.test", mime, null, null));
        boolean second = transactions.execute(tx -> outbox.queue(Outbox.Purpose.REJECTION, messageId,
                "nobody@demo-council.test", mime, null, null));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(count("SELECT COUNT(*) FROM outbox_mail WHERE message_id = ?", messageId)).isEqualTo(1);
    }

    /**
     * What follows notification, on this database: an information request recorded and answered, a review
     * and a reminder read back for the notification's JSON, its reminders paused.
     */
    @Test
    void followUpShouldBeRecordedAndReadBack() {
        String sender = "followup-db@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, intake(), TestMessages.plainNotification(sender, messageId, TestMessages.completeForm("fu-db")));
        String reference = awaitReference(messageId);
        long id = count("SELECT id FROM notification WHERE reference = ?", reference);
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(scot.sirgateway.GatewayClock.ZONE);
        jdbc.sql("INSERT INTO review (notification_id, seq, status, source, received_at, review_type, comment_due, "
                        + "commented_at, iar_sufficient, created_at) VALUES (?, 1, 'RECEIVED', 'MAIL', ?, 'IAR', ?, ?, TRUE, ?)")
                .params(id, now, now.toLocalDate().plusMonths(1), now, now).update();
        long review = count("SELECT id FROM review WHERE notification_id = ?", id);

        var requested = informationRequests.request(reference, now.toLocalDate().plusDays(10), "a question", "r1",
                "inspector-db");
        assertThat(requested.seq()).isEqualTo(1);
        assertThat(requested.mailedTo()).isPositive();
        String reminderId = "<" + reference + ".r1.comment-7d@sir-gateway.test>";
        jdbc.sql("INSERT INTO reminder (notification_id, clock, subject_id, step, step_count, due_on, scheduled_at, state, "
                        + "message_id, recipients, queued_at, created_at) VALUES (?, 'COMMENT', ?, '7d', 0, ?, ?, 'QUEUED', ?, ?, ?, ?)")
                .params(id, review, now.toLocalDate(), now, reminderId, cipher.encryptValue("inspector@inspectorate.test",
                        scot.sirgateway.storage.StorageCipher.associatedData("reminder", reminderId, "recipients")), now, now)
                .update();
        reminderPause.pause(reference, "a reason", "operator");

        transactions.executeWithoutResult(tx -> events.publishEvent(new scot.sirgateway.thread.ThreadedMailReceived(id,
                reference, count("SELECT stored_message_id FROM notification WHERE id = ?", id),
                scot.sirgateway.thread.ThreadedMailReceived.Kind.CORRESPONDENCE, false,
                List.of("<" + reference + ".i1.request@sir-gateway.test>"), now, true)));

        Notifications.FollowUp state = notifications.followUp(id);
        assertThat(state.remindersPaused()).isTrue();
        assertThat(state.reviewStatus()).isEqualTo(scot.sirgateway.model.ReviewStatus.AWAITING_REVIEW);
        assertThat(followUpRecords.reviews(id)).singleElement().satisfies(r -> {
            assertThat(r.reviewType()).isEqualTo("IAR");
            assertThat(r.findings()).containsEntry("iar_sufficient", true).containsEntry("lscmi_used", null);
        });
        assertThat(followUpRecords.informationRequests(id)).singleElement().satisfies(r -> {
            assertThat(r.reviewSeq()).isEqualTo(1);
            assertThat(r.answeredAt()).isNotNull();
        });
        assertThat(followUpRecords.reminders(id)).singleElement().satisfies(r -> {
            assertThat(r.step()).isEqualTo("r1.comment-7d");
            assertThat(r.to()).containsExactly("inspector@inspectorate.test");
            assertThat(r.sent()).isFalse();
            assertThat(r.delivered()).isTrue();
        });
    }

    /**
     * The race on references: fifty registrations in ten threads at once, some rolled back after
     * taking a number. Mail cannot show it (intake takes one message at a time), so the allocator is
     * called from threads directly.
     */
    @Test
    void fiftyConcurrentRegistrationsShouldGetGaplessUniqueReferences() throws Exception {
        int year = 2090 + (int) (Math.random() * 9);
        jdbc.sql("DELETE FROM reference_sequence WHERE ref_year = ?").param(year).update();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean rollBack = i % 7 == 3; // some registrations fail after taking a number
            results.add(pool.submit(() -> {
                start.await();
                references.prepareYear(year);
                return transactions.execute(tx -> {
                    String reference = references.next(year);
                    if (rollBack) {
                        tx.setRollbackOnly();
                        return null;
                    }
                    return reference;
                });
            }));
        }
        start.countDown();
        List<String> committed = new ArrayList<>();
        for (Future<String> result : results) {
            String reference = result.get(60, TimeUnit.SECONDS);
            if (reference != null) {
                committed.add(reference);
            }
        }
        pool.shutdown();
        Set<String> unique = new HashSet<>(committed);
        assertThat(unique).hasSize(committed.size());
        Collections.sort(committed);
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= committed.size(); n++) {
            expected.add(ReferenceAllocator.format(year, n));
        }
        assertThat(committed).isEqualTo(expected);
    }

    @Test
    void nothingOfTheMailShouldBeReadableInTheDatabase() throws Exception {
        String marker = "Zq" + Long.toString(System.nanoTime(), 36);
        String sender = "secret" + marker + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, intake(), TestMessages.plain(sender, messageId, "Notification " + marker,
                "offender_ref: OREF" + marker + "\r\noffender_initials: I" + marker + "\r\ndescription: D" + marker
                        + " happened\r\nnotifier_name: N" + marker + "\r\nsignoff_role: R" + marker + "\r\n", Map.of()));
        awaitReference(messageId);
        // the acknowledgement to the sender is queued in the same transaction: its recipient is there too

        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE LOWER(table_schema) = 'public' "
                + "AND LOWER(table_type) IN ('table', 'base table')").query(String.class).list();
        assertThat(tables).contains("stored_message", "notification", "blob");
        for (String table : tables) {
            for (Map<String, Object> row : jdbc.sql("SELECT * FROM " + table).query().listOfRows()) {
                for (Map.Entry<String, Object> column : row.entrySet()) {
                    Object value = column.getValue();
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
                    assertThat(text).as(table + "." + column.getKey()).doesNotContain(marker);
                }
            }
        }
    }

    @Autowired
    scot.sirgateway.review.ReviewIntake reviewIntake;
    @Autowired
    scot.sirgateway.review.ReviewComments reviewComments;

    /**
     * Two reviews entered at once are numbered r1 and r2 (the notification's row is locked while one is
     * numbered); their names are sealed; the notification is COMMENTED once both have their comment.
     */
    @Test
    void reviewsEnteredAtOnceShouldBeNumberedInTurnAndSealed() throws Exception {
        String marker = "Rv" + Long.toString(System.nanoTime(), 36);
        String sender = "reviews" + marker.toLowerCase() + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, intake(), TestMessages.plainNotification(sender, messageId, TestMessages.completeForm(marker)));
        String reference = awaitReference(messageId);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> entered = new ArrayList<>();
        for (String type : List.of("IAR", "COMPREHENSIVE")) {
            entered.add(pool.submit(() -> {
                start.await();
                return reviewIntake.enter(reference, Map.of("review_type", type, "reviewer_name", "Reviewer " + marker),
                        null, null, null, "operator").seq();
            }));
        }
        start.countDown();
        Set<Integer> numbers = new HashSet<>();
        for (Future<Integer> result : entered) {
            numbers.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(numbers).containsExactlyInAnyOrder(1, 2);
        for (byte[] sealed : jdbc.sql("SELECT r.reviewer_name FROM review r JOIN notification n ON n.id = r.notification_id "
                + "WHERE n.reference = ?").param(reference).query(byte[].class).list()) {
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(marker);
        }
        for (int seq = 1; seq <= 2; seq++) {
            boolean iar = jdbc.sql("SELECT r.review_type FROM review r JOIN notification n ON n.id = r.notification_id "
                    + "WHERE n.reference = ? AND r.seq = ?").params(reference, seq).query(String.class).single().equals("IAR");
            reviewComments.comment(reference, seq, new scot.sirgateway.review.Reviews.Comment("Comment " + marker, true, true,
                    false, true, false, iar ? Boolean.TRUE : null, false), "inspector");
        }
        assertThat(jdbc.sql("SELECT review_status FROM notification WHERE reference = ?").param(reference)
                .query(String.class).single()).isEqualTo("COMMENTED");
    }
}
