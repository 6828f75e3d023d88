package org.comity.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.comity.node.knowledge.CountryProfile;
import org.comity.node.knowledge.Treaty;
import org.junit.jupiter.api.Test;

/** The demo's country profiles are a valid profile file and tell the advisor's demo cases apart. */
class DemoKnowledgeTest {

    @Test
    void theDemoProfilesPassTheChecksOfAnImport() {
        var profiles = DemoKnowledge.read().profiles();
        assertThat(profiles).extracting(CountryProfile::stateCode).containsExactly("XA", "XB", "XC", "XD");
        // Aurelia and Caldera are EU members (EPOC between them); Borealis is party to the Protocol; Dorado to nothing multilateral.
        assertThat(profiles.get(0).euMember() && profiles.get(2).euMember()).isTrue();
        assertThat(profiles.get(1).partyTo(Treaty.SECOND_PROTOCOL)).isTrue();
        assertThat(profiles.get(3).partyTo(Treaty.BUDAPEST)).isFalse();
        assertThat(profiles.get(3).bilateralWith("XC")).isTrue();
    }
}
