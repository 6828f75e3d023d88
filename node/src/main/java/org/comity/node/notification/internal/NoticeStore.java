package org.comity.node.notification.internal;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.comity.node.platform.Sql;
import org.comity.node.request.NoticeLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The notification table read for a request's page. */
@Component
class NoticeStore implements NoticeLog {

    private final JdbcClient jdbc;

    NoticeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Notice> forRequest(UUID requestId) {
        return jdbc.sql("""
                select kind, recipients, created_at, status, sent_at, attempts from notification
                where request_id = ? order by created_at, id
                """)
                .param(requestId)
                .query((rs, n) -> new Notice(rs.getString("kind"), Arrays.asList((String[]) rs.getArray("recipients").getArray()),
                        Sql.instant(rs, "created_at"), rs.getString("status"), Sql.instant(rs, "sent_at"), rs.getInt("attempts")))
                .list();
    }
}
