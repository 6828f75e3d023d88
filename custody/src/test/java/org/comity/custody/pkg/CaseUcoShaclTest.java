package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * custody.jsonld conforms to the CASE 1.4 / UCO 1.4 SHACL shapes. The validator is proven first on
 * the reference examples (one that must conform, one that must give exactly two violations, and
 * CASE's full chain-of-custody example), following shared/reference/README.md to the letter: the
 * merged ontology as the shapes graph, the export read into a model, the ontology's triples added to
 * that model (the shapes rely on its subclass axioms), then validate.
 */
class CaseUcoShaclTest {

    /** A copy of the shared reference data in the test resources (src/test/resources/reference/README.md). */
    static final Path REFERENCE = Path.of("src", "test", "resources", "reference", "case-uco-1.4.0").toAbsolutePath().normalize();
    static Model ontology;
    static Shapes shapes;

    @BeforeAll
    static void loadTheShapes() {
        // No skipping: without the reference data this test cannot say anything, so it fails and says where it looked.
        assertThat(REFERENCE.resolve("case-uco-1.4.0-jena.ttl")).as("the CASE/UCO reference shapes (shared/reference)").isRegularFile();
        ontology = RDFDataMgr.loadModel(REFERENCE.resolve("case-uco-1.4.0-jena.ttl").toString(), Lang.TURTLE);
        shapes = Shapes.parse(ontology.getGraph());
    }

    @Test
    void theValidatorAcceptsTheReferenceExampleThatConforms() throws Exception {
        assertThat(validate(Files.readAllBytes(REFERENCE.resolve("investigative_action_PASS.json"))).conforms()).isTrue();
    }

    @Test
    void theValidatorFindsExactlyTheTwoViolationsOfTheFailingExample() throws Exception {
        ValidationReport report = validate(Files.readAllBytes(REFERENCE.resolve("investigative_action_XFAIL.json")));

        assertThat(report.conforms()).isFalse();
        assertThat(report.getEntries()).hasSize(2).allSatisfy(e -> assertThat(e.message()).containsIgnoringCase("datatype"));
    }

    @Test
    void theValidatorAcceptsCasesChainOfCustodyExample() throws Exception {
        assertThat(validate(Files.readAllBytes(REFERENCE.resolve("forensic_lifecycle.json"))).conforms()).isTrue();
    }

    @Test
    void ourExportOfAPackageFromTwoNodesLedgersConformsAndShowsTheHandOver() throws Exception {
        EvidencePackage read = EvidencePackageReader.read(new MemoryChannel(new PackageFixture().write()), p -> {});
        byte[] export = read.file(PackageLayout.CASE_UCO).orElseThrow();

        ValidationReport report = validate(export);

        assertThat(report.getEntries().stream().map(CaseUcoShaclTest::describe).collect(Collectors.joining("\n"))).isEmpty();
        assertThat(report.conforms()).isTrue();
        Model model = read(export);
        // Every custody event of the three items, at both nodes
        assertThat(count(model, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a i:InvestigativeAction }")).isEqualTo(16);
        // The hand-over: each transfer names as participants the person who received the item at XA and their organisation...
        assertThat(count(model, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a i:InvestigativeAction ; c:name \"transfer\" ; "
                + "act:performer/c:name \"Insp. Ana Ferreira\" ; act:participant/c:name \"Det. Jonas Weber\" ; "
                + "act:participant [ a id:Organization ; c:name \"Aurelia Prosecutor's Office\" ] ; act:location/c:name ?where . "
                + "FILTER(STRSTARTS(?where, \"Comity node XB (Borealis central authority node)\")) }")).isEqualTo(2);
        // ...and each receipt the person who sent it from XB and theirs
        assertThat(count(model, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a i:InvestigativeAction ; c:name \"receive\" ; "
                + "act:performer/c:name \"Det. Jonas Weber\" ; act:participant/c:name \"Insp. Ana Ferreira\" ; "
                + "act:participant [ a id:Organization ; c:name \"Borealis Cybercrime Unit\" ] }")).isEqualTo(2);
    }

    private static int count(Model model, String select) {
        String query = "PREFIX i: <https://ontology.caseontology.org/case/investigation/> PREFIX c: <https://ontology.unifiedcyberontology.org/uco/core/> "
                + "PREFIX act: <https://ontology.unifiedcyberontology.org/uco/action/> PREFIX id: <https://ontology.unifiedcyberontology.org/uco/identity/> "
                + select;
        try (var execution = org.apache.jena.query.QueryExecutionFactory.create(query, model)) {
            return execution.execSelect().next().getLiteral("n").getInt();
        }
    }

    private static ValidationReport validate(byte[] jsonld) {
        Model data = read(jsonld);
        data.add(ontology);
        return ShaclValidator.get().validate(shapes, data.getGraph());
    }

    private static Model read(byte[] jsonld) {
        Model model = ModelFactory.createDefaultModel();
        try (InputStream in = new ByteArrayInputStream(jsonld)) {
            RDFDataMgr.read(model, in, Lang.JSONLD);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return model;
    }

    private static String describe(ReportEntry e) {
        return e.severity() + " " + e.focusNode() + " " + e.resultPath() + ": " + e.message();
    }
}
