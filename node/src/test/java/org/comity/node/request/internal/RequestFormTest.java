package org.comity.node.request.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.comity.node.request.IdentifierType;
import org.comity.node.request.RequestDocument;
import org.comity.node.support.Documents;
import org.junit.jupiter.api.Test;

class RequestFormTest {

    @Test
    void identifiersPastedOnePerLineAreRecognisedOrTakenWithTheirKind() {
        assertThat(RequestForm.identifiers("j.doe@mail.example\n198.51.100.7\n\n  account_id: 778-A \nhttps://x.example/p\nsome handle"))
                .extracting(RequestDocument.Identifier::type, RequestDocument.Identifier::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IdentifierType.EMAIL, "j.doe@mail.example"),
                        org.assertj.core.groups.Tuple.tuple(IdentifierType.IP_ADDRESS, "198.51.100.7"),
                        org.assertj.core.groups.Tuple.tuple(IdentifierType.ACCOUNT_ID, "778-A"),
                        org.assertj.core.groups.Tuple.tuple(IdentifierType.URL, "https://x.example/p"),
                        org.assertj.core.groups.Tuple.tuple(IdentifierType.OTHER, "some handle"));
    }

    @Test
    void aDocumentSurvivesTheRoundTripThroughTheForm() {
        RequestDocument d = Documents.complete("budapest-30"); // the one instrument whose document names the request it follows
        RequestDocument back = RequestForm.of(d, null, 3).toDocument(java.util.Optional.of(d.relatedRequest()));
        assertThat(back).isEqualTo(d.withParties(null, d.requestedAuthority()));
    }
}
