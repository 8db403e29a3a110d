package scot.sirgateway.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.storage.StorageCipher;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code form_draft} table and its documents: a council's notification or review being written. Every
 * read and change names the council, so another council's draft is answered exactly as a missing one. The
 * answers and the documents (name and bytes) are sealed with {@link StorageCipher}, bound to the draft's id,
 * which is random (128 bits) and so not guessable.
 */
@Repository
public class Drafts {

    /** What a draft is of. */
    public enum Kind { NOTIFICATION, REVIEW }

    /**
     * A draft: its answers in their one written form (codes, ISO dates) and the sections a person has saved
     * at least once (a section of optional questions is "Not yet started" until then).
     */
    public record Draft(String id, String council, String createdBy, Kind kind, String reference,
            Map<String, String> values, Set<String> saved, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** A document of a draft, without its bytes. */
    public record Document(String id, String filename, long sizeBytes, OffsetDateTime createdAt) {
    }

    /** A draft untouched long enough to be warned of or deleted: who worked on it. */
    public record Idle(String id, Kind kind, OffsetDateTime updatedAt, List<String> editors) {
    }

    private record Answers(Map<String, String> values, Set<String> saved) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final Clock clock;

    public Drafts(JdbcClient jdbc, StorageCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Starts an empty draft for the council; answers its id. */
    @Transactional
    public String create(String council, String username, Kind kind, String reference) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO form_draft (id, council, created_by, kind, reference, answers, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, council, username, kind.name(), reference,
                        seal(id, new Answers(Map.of(), Set.of())), now, now)
                .update();
        editor(id, username);
        return id;
    }

    /** The council's draft, or empty when there is none of that id for this council. */
    public Optional<Draft> find(String id, String council) {
        return jdbc.sql("SELECT * FROM form_draft WHERE id = ? AND council = ?").params(id, council)
                .query((rs, n) -> {
                    String draftId = rs.getString("id");
                    Answers answers = open(draftId, rs.getBytes("answers"));
                    return new Draft(draftId, rs.getString("council"), rs.getString("created_by"),
                            Kind.valueOf(rs.getString("kind")), rs.getString("reference"), answers.values(),
                            answers.saved(), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("updated_at", OffsetDateTime.class));
                }).optional();
    }

    /** The council's drafts of a kind, most recently saved first. */
    public List<Draft> list(String council, Kind kind) {
        List<String> ids = jdbc.sql("SELECT id FROM form_draft WHERE council = ? AND kind = ? ORDER BY updated_at DESC")
                .params(council, kind.name()).query(String.class).list();
        List<Draft> drafts = new ArrayList<>();
        ids.forEach(id -> find(id, council).ifPresent(drafts::add));
        return drafts;
    }

    /**
     * Saves the draft's answers and marks the section saved; the draft's clock of expiry starts again and
     * its warning is forgotten. Answers false when the council has no such draft.
     */
    @Transactional
    public boolean save(String id, String council, String username, Map<String, String> values, String section) {
        Optional<Draft> draft = find(id, council);
        if (draft.isEmpty()) {
            return false;
        }
        Set<String> saved = new LinkedHashSet<>(draft.get().saved());
        if (section != null) {
            saved.add(section);
        }
        jdbc.sql("UPDATE form_draft SET answers = ?, updated_at = ?, warned_at = NULL WHERE id = ? AND council = ?")
                .params(seal(id, new Answers(new LinkedHashMap<>(values), saved)), OffsetDateTime.now(clock), id, council)
                .update();
        editor(id, username);
        return true;
    }

    /** Deletes the draft and its documents; answers whether there was one. */
    @Transactional
    public boolean delete(String id, String council) {
        return jdbc.sql("DELETE FROM form_draft WHERE id = ? AND council = ?").params(id, council).update() > 0;
    }

    /** Keeps a document with the draft (sealed); answers its id, or empty when the council has no such draft. */
    @Transactional
    public Optional<String> addDocument(String draftId, String council, String username, String filename, byte[] bytes) {
        if (find(draftId, council).isEmpty()) {
            return Optional.empty();
        }
        String id = java.util.UUID.randomUUID().toString();
        StorageCipher.Sealed sealed = cipher.encrypt(bytes, documentAad(draftId, id, "content"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO form_draft_document (id, draft_id, filename, key_id, iv, content, size_bytes, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, draftId, cipher.encryptValue(filename, documentAad(draftId, id, "filename")),
                        sealed.keyId(), sealed.iv(), sealed.ciphertext(), bytes.length, now)
                .update();
        touch(draftId, username);
        return Optional.of(id);
    }

    /** The draft's documents, oldest first (none when the council has no such draft). */
    public List<Document> documents(String draftId, String council) {
        return jdbc.sql("SELECT d.id, d.filename, d.size_bytes, d.created_at FROM form_draft_document d "
                        + "JOIN form_draft f ON f.id = d.draft_id WHERE d.draft_id = ? AND f.council = ? "
                        + "ORDER BY d.created_at, d.id")
                .params(draftId, council)
                .query((rs, n) -> new Document(rs.getString("id"),
                        cipher.decryptValue(rs.getBytes("filename"), documentAad(draftId, rs.getString("id"), "filename")),
                        rs.getLong("size_bytes"), rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    /** A document's bytes. */
    public byte[] content(String draftId, String council, String documentId) {
        return jdbc.sql("SELECT d.key_id, d.iv, d.content FROM form_draft_document d JOIN form_draft f ON f.id = d.draft_id "
                        + "WHERE d.id = ? AND d.draft_id = ? AND f.council = ?")
                .params(documentId, draftId, council)
                .query((rs, n) -> cipher.decrypt(new StorageCipher.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3)),
                        documentAad(draftId, documentId, "content")))
                .optional().orElseThrow(() -> new IllegalStateException("no such document of the draft"));
    }

    /** Removes a document; answers whether the council's draft had it. */
    @Transactional
    public boolean removeDocument(String draftId, String council, String username, String documentId) {
        if (find(draftId, council).isEmpty()) {
            return false;
        }
        boolean removed = jdbc.sql("DELETE FROM form_draft_document WHERE id = ? AND draft_id = ?")
                .params(documentId, draftId).update() > 0;
        touch(draftId, username);
        return removed;
    }

    /** Drafts last saved at or before {@code before} and not yet warned. */
    public List<Idle> unwarnedSince(OffsetDateTime before) {
        return idle("SELECT id, kind, updated_at FROM form_draft WHERE updated_at <= ? AND warned_at IS NULL "
                + "ORDER BY updated_at", before);
    }

    /** Drafts last saved at or before {@code before}. */
    public List<Idle> idleSince(OffsetDateTime before) {
        return idle("SELECT id, kind, updated_at FROM form_draft WHERE updated_at <= ? ORDER BY updated_at", before);
    }

    /** Marks the draft warned, unless it was saved after {@code updatedAt}; answers whether it was marked. */
    @Transactional
    public boolean markWarned(String id, OffsetDateTime updatedAt) {
        return jdbc.sql("UPDATE form_draft SET warned_at = ? WHERE id = ? AND updated_at = ? AND warned_at IS NULL")
                .params(OffsetDateTime.now(clock), id, updatedAt).update() > 0;
    }

    /** Deletes an idle draft, unless it was saved after {@code updatedAt}. */
    @Transactional
    public boolean expire(String id, OffsetDateTime updatedAt) {
        return jdbc.sql("DELETE FROM form_draft WHERE id = ? AND updated_at = ?").params(id, updatedAt).update() > 0;
    }

    private List<Idle> idle(String sql, OffsetDateTime before) {
        return jdbc.sql(sql).param(before)
                .query((rs, n) -> new Idle(rs.getString("id"), Kind.valueOf(rs.getString("kind")),
                        rs.getObject("updated_at", OffsetDateTime.class), List.of()))
                .list().stream()
                .map(idle -> new Idle(idle.id(), idle.kind(), idle.updatedAt(), jdbc.sql(
                                "SELECT username FROM form_draft_editor WHERE draft_id = ? ORDER BY username")
                        .param(idle.id()).query(String.class).list()))
                .toList();
    }

    private void touch(String id, String username) {
        jdbc.sql("UPDATE form_draft SET updated_at = ?, warned_at = NULL WHERE id = ?")
                .params(OffsetDateTime.now(clock), id).update();
        editor(id, username);
    }

    private void editor(String id, String username) {
        if (jdbc.sql("SELECT COUNT(*) FROM form_draft_editor WHERE draft_id = ? AND username = ?")
                .params(id, username).query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO form_draft_editor (draft_id, username) VALUES (?, ?)").params(id, username).update();
        }
    }

    private byte[] seal(String id, Answers answers) {
        return cipher.encryptValue(JSON.writeValueAsString(answers), StorageCipher.associatedData("form_draft", id, "answers"));
    }

    private Answers open(String id, byte[] sealed) {
        Answers answers = JSON.readValue(cipher.decryptValue(sealed, StorageCipher.associatedData("form_draft", id, "answers")),
                new TypeReference<Answers>() { });
        return new Answers(answers.values() == null ? Map.of() : answers.values(),
                answers.saved() == null ? Set.of() : answers.saved());
    }

    private static String documentAad(String draftId, String documentId, String column) {
        return StorageCipher.associatedData("form_draft_document", draftId + "/" + documentId, column);
    }
}
