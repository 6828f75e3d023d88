package org.comity.node.writer.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.writer.SignOff;
import org.comity.node.writer.Translation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The writer's rows: a draft's translation, and the sign-offs (append-only). */
@Repository
class WriterStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    WriterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID requestId, String translationLanguage, UUID createdBy, Instant now) {
        jdbc.sql("""
                insert into writer_draft (request_id, translation_language, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?) on conflict (request_id) do nothing""")
                .params(requestId, translationLanguage, createdBy, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    Optional<Translation> translation(UUID requestId) {
        return jdbc.sql("select translation_language, translation::text from writer_draft where request_id = ?")
                .param(requestId)
                .query((rs, n) -> new Translation(rs.getString(1), JSON.readValue(rs.getString(2), TEXTS)))
                .optional();
    }

    void saveTranslation(UUID requestId, Translation t, UUID by, Instant now) {
        jdbc.sql("""
                insert into writer_draft (request_id, translation_language, translation, created_by, created_at, updated_at)
                values (?, ?, ?::jsonb, ?, ?, ?)
                on conflict (request_id) do update set translation_language = excluded.translation_language,
                    translation = excluded.translation, updated_at = excluded.updated_at""")
                .params(requestId, t.language(), JSON.writeValueAsString(t.texts()), by, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    void insertSignOff(SignOff s) {
        jdbc.sql("""
                insert into writer_sign_off (id, request_id, request_version, document_sha256, signed_by, signer_name, authority_name, signed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.requestId(), s.requestVersion(), s.documentSha256(), s.signedBy(), s.signerName(), s.authorityName(),
                        Timestamp.from(s.signedAt()))
                .update();
    }

    Optional<SignOff> latestSignOff(UUID requestId) {
        return jdbc.sql("""
                select id, request_id, request_version, document_sha256, signed_by, signer_name, authority_name, signed_at
                from writer_sign_off where request_id = ? order by signed_at desc, id desc limit 1""")
                .param(requestId)
                .query((rs, n) -> new SignOff(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
                        rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .optional();
    }
}
