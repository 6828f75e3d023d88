package org.comity.node.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.IdentifierType;
import org.comity.node.request.MeasureType;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The writer's API over real HTTP, as a national case system uses it: a draft started, refused
 * while incomplete (naming what is missing, the translation included), refused while not signed
 * off, signed off, printed in both languages, refused again once changed after the sign-off, and
 * sent with its PDFs attached.
 */
class WriterApiTest extends NodeTest {

    Authority prosecution, pointOfContact;
    User prosecutor, clerk, stranger;
    Http api;

    @BeforeEach
    void world() {
        prosecution = fixtures.authority(fixtures.state("Aurelia"), AuthorityKind.JUDICIAL_AUTHORITY);
        pointOfContact = fixtures.authority(fixtures.state("Caldera"), AuthorityKind.POINT_OF_CONTACT);
        prosecutor = fixtures.user(prosecution, Role.JUDICIAL_AUTHORITY);
        clerk = fixtures.user(prosecution, Role.AUDITOR);
        stranger = fixtures.user(fixtures.authority(fixtures.state("Borealis"), AuthorityKind.JUDICIAL_AUTHORITY), Role.JUDICIAL_AUTHORITY);
        api = http(fixtures.token(prosecutor));
    }

    @Test
    void anIncompleteRequestCannotLeaveAndACompleteOneLeavesSignedOffWithItsPdfs() throws Exception {
        Http.Reply started = api.post("/api/v1/writer/drafts", Map.of("instrument", "budapest-29", "requestedAuthority", pointOfContact.id(),
                "title", "Phishing kit hosted in Caldera", "language", "en", "translationLanguage", "ar"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String id = started.json().get("id").asString();
        assertThat(started.json().get("status").asString()).isEqualTo("DRAFT");

        // Incomplete: the check names what the instrument requires and what is untranslated.
        JsonNode check = api.get("/api/v1/writer/drafts/" + id + "/completeness").json();
        assertThat(check.get("complete").asBoolean()).isFalse();
        assertThat(fields(check.get("missing"))).contains("summaryOfFacts", "necessityAndProportionality", "followUpMlaIntended", "translation.title");

        // ...and sending is refused with the same list; the request stays a draft.
        Http.Reply refused = api.post("/api/v1/writer/drafts/" + id + "/send", Map.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("summaryOfFacts");
        assertThat(api.get("/api/v1/requests/" + id).json().get("summary").get("status").asString()).isEqualTo("DRAFT");

        // Complete the content and the translation.
        String etag = api.get("/api/v1/writer/drafts/" + id).header("ETag");
        Http.Reply saved = api.put("/api/v1/writer/drafts/" + id + "/document", document(pointOfContact.id(), "Phishing kit hosted in Caldera"),
                Map.of("If-Match", etag));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(fields(saved.json().get("missing"))).allMatch(f -> f.startsWith("translation."));
        Http.Reply translated = api.put("/api/v1/writer/drafts/" + id + "/translation", arabic(), Map.of());
        assertThat(translated.status()).as(translated.text()).isEqualTo(200);
        assertThat(translated.json().get("complete").asBoolean()).isTrue();

        // Complete but not signed off: still refused.
        assertThat(api.post("/api/v1/writer/drafts/" + id + "/send", Map.of()).status()).isEqualTo(409);
        // Someone of the authority without the right role may not sign off; the prosecutor may.
        assertThat(http(fixtures.token(clerk)).post("/api/v1/writer/drafts/" + id + "/sign-off", Map.of()).status()).isEqualTo(403);
        JsonNode signed = api.post("/api/v1/writer/drafts/" + id + "/sign-off", Map.of()).json();
        assertThat(signed.get("signedOff").asBoolean()).isTrue();
        assertThat(signed.get("signOff").get("signerName").asString()).isEqualTo(prosecutor.displayName());

        // The PDF in both languages names the signer, every glyph in its embedded font.
        Http.Reply pdf = api.get("/api/v1/writer/drafts/" + id + "/pdf?languages=BOTH");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).startsWith("application/pdf");
        RequestPdfGoldenTest.GlyphCount glyphs = RequestPdfGoldenTest.glyphs(pdf.body());
        assertThat(glyphs.notdef()).isZero();
        assertThat(glyphs.unembedded()).isEmpty();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains(prosecutor.displayName()).contains("Signed off by");
        }

        // A change after the sign-off needs a new one.
        etag = api.get("/api/v1/writer/drafts/" + id).header("ETag");
        JsonNode changed = api.put("/api/v1/writer/drafts/" + id + "/document", document(pointOfContact.id(), "Phishing kit hosted in Caldera"
                + " (revised)"), Map.of("If-Match", etag)).json();
        assertThat(changed.get("signedOff").asBoolean()).isFalse();
        Map<String, String> texts = new LinkedHashMap<>(arabicTexts());
        texts.put("title", "مجموعة أدوات تصيد مستضافة في كالديرا (منقحة)");
        api.put("/api/v1/writer/drafts/" + id + "/translation", Map.of("language", "ar", "texts", texts), Map.of());
        Http.Reply stale = api.post("/api/v1/writer/drafts/" + id + "/send", Map.of());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text()).contains("signed off again");
        api.post("/api/v1/writer/drafts/" + id + "/sign-off", Map.of());

        // Sent: delivered to the point of contact, with the two PDFs attached.
        Http.Reply sent = api.post("/api/v1/writer/drafts/" + id + "/send", Map.of());
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        JsonNode request = api.get("/api/v1/requests/" + id).json();
        assertThat(request.get("summary").get("status").asString()).isIn("SUBMITTED", "DELIVERED");
        assertThat(names(request.get("attachments"))).hasSize(2).allMatch(n -> n.endsWith(".pdf"));

        // Another state's prosecutor does not learn that the draft exists.
        assertThat(http(fixtures.token(stranger)).get("/api/v1/writer/drafts/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTranslationWithAnUnknownFieldOrAMalformedLanguageIsRefused() {
        String id = api.post("/api/v1/writer/drafts", Map.of("instrument", "budapest-31", "language", "en")).json().get("id").asString();
        Http.Reply bad = api.put("/api/v1/writer/drafts/" + id + "/translation", Map.of("language", "Arabic", "texts", Map.of("password", "x")), Map.of());
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("translation.language").contains("unknown-field");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.comity.node.knowledge.CountryProfiles profiles;

    @Test
    void theRequirementsComeFromTheRequestedStatesProfileWhenThereIsOne() {
        // Without a profile: the directory and the instrument, and the page says so.
        String id = api.post("/api/v1/writer/drafts", Map.of("instrument", "budapest-29", "requestedAuthority", pointOfContact.id()))
                .json().get("id").asString();
        JsonNode none = api.get("/api/v1/writer/drafts/" + id).json().get("requirements");
        assertThat(none.get("source").get("key").asString()).isEqualTo("writer.req.source.instrument");

        // With Caldera's profile: its languages, its formal requirements, dual criminality, its reservation on Art. 29.
        User admin = fixtures.user(prosecution, Role.ADMIN);
        profiles.save(fixtures.actor(admin), new org.comity.node.knowledge.CountryProfile(pointOfContact.stateCode(), "Caldera", false, List.of(),
                List.of(new org.comity.node.knowledge.Reservation("budapest-29", org.comity.node.knowledge.Reservation.Effect.CONDITIONS,
                        "Preservation of content data only on a court order.")),
                null, null, List.of("fr", "en"), new org.comity.node.knowledge.FormalRequirements(true, true, false, true, "Offences punishable by 1 year",
                        null), null, List.of(), List.of(), null), 0, "test");
        JsonNode r = api.get("/api/v1/writer/drafts/" + id).json().get("requirements");
        assertThat(r.get("source").get("key").asString()).isEqualTo("writer.req.source.profile");
        assertThat(r.get("languages").valueStream().map(JsonNode::asString).toList()).containsExactly("fr", "en");
        assertThat(r.get("dualCriminality").get("key").asString()).isEqualTo("writer.req.dual.required");
        assertThat(r.get("formal").valueStream().map(l -> l.hasNonNull("key") ? l.get("key").asString() : "").toList())
                .contains("writer.req.signature", "writer.req.certification", "writer.req.paper");
        assertThat(r.get("thresholds").valueStream().map(l -> l.hasNonNull("text") ? l.get("text").asString() : l.get("args").get(0).asString()).toList())
                .contains("Offences punishable by 1 year", "Preservation of content data only on a court order.");
    }

    @Test
    void aDraftCannotStartWithoutAKnownInstrument() {
        Http.Reply bad = api.post("/api/v1/writer/drafts", Map.of("instrument", "no-such-treaty"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("instrument");
    }

    static RequestDocument document(UUID requested, String title) {
        return new RequestDocument("budapest-29", null, requested, Urgency.URGENT, "The hosting provider deletes logs after 30 days.", title,
                "AU/PP/2026/1187", "en", List.of("en"),
                List.of(new RequestDocument.Offence("Computer-related fraud", "Criminal Code, Art. 231", "5 years")),
                "Victims were led to a cloned bank site hosted on the suspect's account.",
                "The logs identify who rented the hosting.",
                List.of(new RequestDocument.Subject(SubjectKind.ACCOUNT, SubjectRole.SUSPECT, "hosting account",
                        List.of(new RequestDocument.Identifier(IdentifierType.EMAIL, "holder@mail.example")), null)),
                List.of(new RequestDocument.DataSought(DataCategory.TRAFFIC, "Connection logs of the hosting account",
                        List.of(new RequestDocument.Identifier(IdentifierType.IP_ADDRESS, "203.0.113.45")), LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 31), "Nimbus Hosting Ltd", "Caldera")),
                List.of(new RequestDocument.Measure(MeasureType.PRESERVATION, "Preserve the logs")),
                "Logs are kept for 30 days only; without preservation the only lead is lost.", null, Confidentiality.STANDARD, null, true,
                null, null);
    }

    static Map<String, Object> arabic() {
        return Map.of("language", "ar", "texts", arabicTexts());
    }

    static Map<String, String> arabicTexts() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("title", "مجموعة أدوات تصيد مستضافة في كالديرا");
        t.put("urgencyReason", "يحذف مزود الاستضافة السجلات بعد ثلاثين يوماً.");
        t.put("offences[0].name", "الاحتيال المتصل بالحاسوب");
        t.put("offences[0].maximumPenalty", "خمس سنوات");
        t.put("summaryOfFacts", "استُدرج الضحايا إلى موقع مصرفي مستنسخ مستضاف على حساب المشتبه فيه.");
        t.put("relevance", "تحدد السجلات هوية من استأجر الاستضافة.");
        t.put("dataSought[0].description", "سجلات الاتصال الخاصة بحساب الاستضافة");
        t.put("measures[0].description", "التحفظ على السجلات");
        t.put("necessityAndProportionality", "لا تُحفظ السجلات إلا ثلاثين يوماً؛ ودون التحفظ عليها يضيع الخيط الوحيد.");
        return t;
    }

    static List<String> fields(JsonNode problems) {
        return problems.valueStream().map(p -> p.get("field").asString()).toList();
    }

    static List<String> names(JsonNode attachments) {
        return attachments.valueStream().map(a -> a.get("fileName").asString()).toList();
    }
}
