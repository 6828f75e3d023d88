package org.comity.node.knowledge.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.ProfileVersion;
import org.comity.node.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Country profiles in PostgreSQL: the current row per state and the append-only version history. */
@Repository
class ProfileStore {

    /** Stored JSON: nulls left out; fields of newer versions tolerated when read back. */
    static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final JdbcClient jdbc;

    ProfileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProfileVersion> current(String stateCode) {
        return jdbc.sql("select * from knowledge_profile where state_code = ?").param(stateCode).query(ProfileStore::row).optional();
    }

    /** The current row, locked until the transaction ends, so two saves of one state queue. */
    Optional<ProfileVersion> currentForUpdate(String stateCode) {
        return jdbc.sql("select * from knowledge_profile where state_code = ? for update").param(stateCode).query(ProfileStore::row).optional();
    }

    List<ProfileVersion> all() {
        return jdbc.sql("select * from knowledge_profile order by state_code").query(ProfileStore::row).list();
    }

    List<ProfileVersion> history(String stateCode) {
        return jdbc.sql("select * from knowledge_profile_version where state_code = ? order by version desc").param(stateCode)
                .query(ProfileStore::row).list();
    }

    void save(CountryProfile p, int version, Instant at, String by, UUID userId, String note) {
        String doc = JSON.writeValueAsString(p);
        jdbc.sql("""
                insert into knowledge_profile_version (state_code, version, document, changed_at, changed_by, user_id, note)
                values (?, ?, ?::jsonb, ?, ?, ?, ?)
                """).params(p.stateCode(), version, doc, Sql.ts(at), by, userId, note).update();
        jdbc.sql("""
                insert into knowledge_profile (state_code, version, document, changed_at, changed_by, note)
                values (?, ?, ?::jsonb, ?, ?, ?)
                on conflict (state_code) do update set version = excluded.version, document = excluded.document,
                    changed_at = excluded.changed_at, changed_by = excluded.changed_by, note = excluded.note
                """).params(p.stateCode(), version, doc, Sql.ts(at), by, note).update();
    }

    private static ProfileVersion row(ResultSet rs, int n) throws SQLException {
        return new ProfileVersion(rs.getString("state_code"), rs.getInt("version"), Sql.instant(rs, "changed_at"), rs.getString("changed_by"),
                rs.getString("note"), JSON.readValue(rs.getString("document"), CountryProfile.class));
    }
}
