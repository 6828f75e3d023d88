package org.comity.node.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.node.knowledge.ChannelKind;
import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.FormalRequirements;
import org.comity.node.knowledge.HolderKind;
import org.comity.node.knowledge.PreservationPeriods;
import org.comity.node.knowledge.ProcessingTime;
import org.comity.node.knowledge.ProfileFile;
import org.comity.node.knowledge.ProviderContact;
import org.comity.node.knowledge.Reservation;
import org.comity.node.knowledge.Treaty;
import org.comity.node.knowledge.TreatyParty;
import org.comity.node.platform.FieldProblem;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The profile editor's form: a profile shown in it and sent back unchanged is the same profile; rows and problems keep their place. */
class ProfileFormTest {

    static final UUID CENTRAL = UUID.randomUUID();
    static final UUID PROVIDER = UUID.randomUUID();

    static CountryProfile full() {
        return new CountryProfile("XB", "Borealis", true,
                List.of(new TreatyParty(Treaty.BUDAPEST, LocalDate.of(2015, 3, 1), List.of()),
                        new TreatyParty(Treaty.SECOND_PROTOCOL, null, List.of()),
                        new TreatyParty(Treaty.BILATERAL_MLA, LocalDate.of(2001, 1, 2), List.of("XA", "XC"))),
                List.of(new Reservation("protocol-7", Reservation.Effect.EXCLUDES, "Art. 7 does not apply."),
                        new Reservation("budapest-29", Reservation.Effect.CONDITIONS, "Dual criminality for disclosure.")),
                CENTRAL, null, List.of("fr", "en"),
                new FormalRequirements(true, false, true, true, "Offences punishable by 1 year or more", "Originals by post."),
                new PreservationPeriods(90, 60, "Code of Criminal Procedure, Art. 12"),
                List.of(new ProviderContact("Nordmail", HolderKind.SERVICE_PROVIDER, PROVIDER, "lawenforcement@nordmail.example",
                                Set.of(ChannelKind.SUBSCRIBER_ORDER, ChannelKind.VOLUNTARY_DISCLOSURE), "Answers in French."),
                        new ProviderContact("Registry", HolderKind.REGISTRAR, null, null, Set.of(), null)),
                List.of(new ProcessingTime(ChannelKind.PRESERVATION_24_7, "PT24H", ProcessingTime.Source.MANUAL, "Our own figure"),
                        new ProcessingTime(ChannelKind.MUTUAL_ASSISTANCE, "P180D", ProcessingTime.Source.STATISTICS, null)),
                "Written in French.");
    }

    @Test
    void aProfileShownAndSentBackUnchangedIsTheSameProfile() {
        CountryProfile p = full();
        MultiValueMap<String, String> form = ProfileForm.values(p);
        assertThat(form.getFirst("treaties[BILATERAL_MLA].partners")).isEqualTo("XA, XC");
        assertThat(form.getFirst("processingTimes[0].typical")).isEqualTo("24");
        assertThat(form.getFirst("processingTimes[0].unit")).isEqualTo("hours");
        assertThat(form.getFirst("processingTimes[1].typical")).isEqualTo("180");
        assertThat(form.getFirst("reservations.rows")).isEqualTo("3"); // the two held and a blank one

        ProfileForm.Parsed back = ProfileForm.read("XB", form);
        assertThat(back.problems()).isEmpty();
        assertThat(back.profile()).isEqualTo(p);
        assertThat(ProfileFile.check(back.profile())).isEmpty();
    }

    @Test
    void blankAndRemovedRowsAreDroppedAndWhatIsTypedIsTidied() {
        MultiValueMap<String, String> form = ProfileForm.values(full());
        form.set("reservations[0].remove", "on");
        form.set("reservations.rows", "5");
        form.set("reservations[3].instrument", "budapest-31");
        form.set("reservations[3].effect", "CONDITIONS");
        form.set("reservations[3].text", "Only through the central authority.");
        form.set("languages", " FR ;en,  ar ");
        form.set("treaties[BILATERAL_MLA].partners", "xa xd");
        form.remove("treaties[SECOND_PROTOCOL].party");
        form.set("treaties[EU_E_EVIDENCE].inForceSince", "2026-08-18"); // not ticked: ignored

        CountryProfile p = ProfileForm.read("XB", form).profile();
        assertThat(p.reservations()).extracting(Reservation::instrument).containsExactly("budapest-29", "budapest-31");
        assertThat(p.languages()).containsExactly("fr", "en", "ar");
        assertThat(p.treaties()).extracting(TreatyParty::treaty).containsExactly(Treaty.BUDAPEST, Treaty.BILATERAL_MLA);
        assertThat(p.treaties().get(1).partners()).containsExactly("XA", "XD");
    }

    @Test
    void aProblemNamesTheRowAsTheFormShowsIt() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.set("stateName", "Borealis");
        form.set("reservations.rows", "3");
        form.set("reservations[2].instrument", "protocol-7"); // rows 0 and 1 left blank: this is the profile's first
        form.set("treaties[BUDAPEST].party", "on");
        form.set("treaties[BUDAPEST].inForceSince", "1 March 2015");
        form.set("preservation.days", "sixty");
        form.set("processingTimes[0].channel", "NO_SUCH_CHANNEL");
        form.set("processingTimes[0].typical", "3");

        ProfileForm.Parsed parsed = ProfileForm.read("XB", form);
        assertThat(parsed.problems()).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("treaties[BUDAPEST].inForceSince", "preservation.days", "processingTimes[0].channel");
        // The profile's checks speak of its own rows; the form's row is the third.
        List<FieldProblem> checked = ProfileFile.check(parsed.profile());
        assertThat(checked).extracting(FieldProblem::field).contains("reservations[0].effect", "reservations[0].text");
        assertThat(checked.stream().map(parsed::onForm).map(FieldProblem::field).toList())
                .contains("reservations[2].effect", "reservations[2].text").doesNotContain("reservations[0].effect");
        assertThat(parsed.onForm(FieldProblem.of("treaties[0].treaty", "duplicate", "x")).field()).isEqualTo("treaties[BUDAPEST].treaty");
    }

    @Test
    void whatTheFormCannotCountInWholeDaysOrHoursIsKeptAsWritten() {
        CountryProfile odd = new CountryProfile("XB", "Borealis", false,
                List.of(new TreatyParty(Treaty.BUDAPEST, null, List.of("XA"))), List.of(), null, null, List.of("en"), null, null, List.of(),
                List.of(new ProcessingTime(ChannelKind.PRESERVATION_24_7, "PT90M", ProcessingTime.Source.MANUAL, null),
                        new ProcessingTime(ChannelKind.MUTUAL_ASSISTANCE, "p1dt12h", ProcessingTime.Source.MANUAL, null),
                        new ProcessingTime(ChannelKind.SUBSCRIBER_ORDER, "P1DT12H", ProcessingTime.Source.MANUAL, null)), null);
        MultiValueMap<String, String> form = ProfileForm.values(odd);
        assertThat(form.getFirst("processingTimes[0].typical")).isEqualTo("PT90M");
        assertThat(form.getFirst("processingTimes[1].typical")).isEqualTo("36");
        assertThat(form.getFirst("processingTimes[1].unit")).isEqualTo("hours");
        ProfileForm.Parsed back = ProfileForm.read("XB", form);
        assertThat(back.problems()).isEmpty();
        assertThat(back.profile().treaties().getFirst().partners()).as("partners of any treaty survive").containsExactly("XA");
        assertThat(back.profile().processingTimes()).extracting(ProcessingTime::typical).containsExactly("PT90M", "PT36H", "PT36H");
        assertThat(back.profile().processingTimes()).extracting(ProcessingTime::duration)
                .containsExactly(java.time.Duration.ofMinutes(90), java.time.Duration.ofHours(36), java.time.Duration.ofHours(36));
    }

    @Test
    void aTypicalTimeOutOfRangeIsNamedOnItsRowAndAListOfWordsIsOneField() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.set("stateName", "Borealis");
        form.set("processingTimes.rows", "3");
        form.set("processingTimes[1].channel", "MUTUAL_ASSISTANCE");
        form.set("processingTimes[1].typical", "4000"); // days: over ten years
        form.set("processingTimes[2].channel", "PRESERVATION_24_7");
        form.set("processingTimes[2].typical", "0");
        form.set("processingTimes[2].unit", "hours");
        ProfileForm.Parsed parsed = ProfileForm.read("XB", form);
        assertThat(parsed.problems()).extracting(FieldProblem::field).containsExactly("processingTimes[1].typical", "processingTimes[2].typical");
        assertThat(parsed.problems()).extracting(FieldProblem::code).containsOnly("out-of-range");
        assertThat(parsed.onForm(FieldProblem.of("languages[1]", "invalid-language", "x")).field()).isEqualTo("languages");
        form.set("treaties[BILATERAL_MLA].party", "on");
        form.set("treaties[BILATERAL_MLA].partners", "XA, X1");
        ProfileForm.Parsed bilateral = ProfileForm.read("XB", form);
        FieldProblem partner = ProfileFile.check(bilateral.profile()).stream().filter(p -> p.field().contains("partners")).findFirst().orElseThrow();
        assertThat(bilateral.onForm(partner).field()).isEqualTo("treaties[BILATERAL_MLA].partners");
    }

    @Test
    void aBoxPostedWithAnotherValueIsNotTickedAgain() {
        MultiValueMap<String, String> posted = new LinkedMultiValueMap<>();
        posted.set("euMember", "false");
        posted.set("requirements.signature", "on");
        posted.set("requirements.threshold", "One year");
        posted.set("reservations[0].remove", "yes please");
        MultiValueMap<String, String> shown = ProfileForm.normalise(posted);
        assertThat(shown).containsOnlyKeys("requirements.signature", "requirements.threshold");
    }

    @Test
    void rowsAreBoundedWhateverTheFormSays() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.set("providers.rows", "999999999");
        form.set("reservations.rows", "-4");
        form.set("processingTimes.rows", "many");
        assertThat(ProfileForm.rows(form, "providers")).isEqualTo(ProfileForm.MAX_ROWS);
        assertThat(ProfileForm.rows(form, "reservations")).isZero();
        assertThat(ProfileForm.rows(form, "processingTimes")).isZero();
        assertThat(ProfileForm.read("XB", form).profile().providers()).isEmpty();
    }
}
