package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The walls between features (ARCHITECTURE.md): a feature uses another only through its top-level
 * package, never its {@code internal} packages, and no two features depend on each other in a cycle.
 */
class ModuleStructureTest {

    static final ApplicationModules MODULES = ApplicationModules.of(ComityNode.class);

    @Test
    void featuresTalkOnlyThroughEachOthersPublicApiWithoutCycles() {
        MODULES.verify();
    }

    @Test
    void theFeaturesAreTheRoomsTheArchitectureNames() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("platform", "directory", "account", "request", "exchange", "evidence", "ledger", "web", "demo");
    }

    @Test
    void theRequestLifecycleAndLegalClockStayFreeOfSpringJdbcAndHttp() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().haveNameMatching("org\\.comity\\.node\\.request\\.(Lifecycle|LegalClock|Completeness|RequestValidator|RequestAccess).*")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "jakarta.servlet..", "tools.jackson..")
                .check(new com.tngtech.archunit.core.importer.ClassFileImporter().importPackages("org.comity.node.request"));
    }
}
