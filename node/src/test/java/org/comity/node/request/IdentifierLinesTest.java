package org.comity.node.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierLinesTest {

    @Test
    void aLineNamesItsTypeOrItsShapeSaysIt() {
        List<RequestDocument.Identifier> ids = IdentifierLines.parse("Account-ID: 88412\r\n  mallory@example.org \n\n203.0.113.7\nsomething else: odd");
        assertThat(ids).containsExactly(
                new RequestDocument.Identifier(IdentifierType.ACCOUNT_ID, "88412"),
                new RequestDocument.Identifier(IdentifierType.EMAIL, "mallory@example.org"),
                new RequestDocument.Identifier(IdentifierType.IP_ADDRESS, "203.0.113.7"),
                new RequestDocument.Identifier(IdentifierType.OTHER, "something else: odd"));
        assertThat(IdentifierLines.parse(IdentifierLines.format(ids))).isEqualTo(ids);
        assertThat(IdentifierLines.parse("  \n ")).isEmpty();
        assertThat(IdentifierLines.parse(null)).isEmpty();
    }
}
