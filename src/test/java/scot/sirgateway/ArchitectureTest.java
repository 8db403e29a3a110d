package scot.sirgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;


/**
 * The structure of STYLE.md section 1, kept by the build. Layers, lowest first: the vocabulary
 * ({@code model}); the root package (start-up, the clock); services any stage may use; the pipeline
 * stages in their order; what follows registration; the people's side. A package may use its own
 * layer and lower ones, a stage only earlier stages.
 */
@AnalyzeClasses(packages = "scot.sirgateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "scot.sirgateway";

    @ArchTest
    static final ArchRule importsRunOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("vocabulary").definedBy(ROOT + ".model..")
            .layer("root").definedBy(ROOT)
            // quarantine's types and entries, the working calendar and clocks, keys, councils, stored bytes,
            // the metrics every stage records, the fillable PDF drawn from the form definition
            .layer("services").definedBy(ROOT + ".storage..", ROOT + ".council..", ROOT + ".smime..",
                    ROOT + ".quarantine..", ROOT + ".calendar..", ROOT + ".metrics..",
                    ROOT + ".pdfform..")
            .layer("intake").definedBy(ROOT + ".intake..")
            .layer("unwrap").definedBy(ROOT + ".unwrap..")
            .layer("extract").definedBy(ROOT + ".extract..")
            .layer("classify").definedBy(ROOT + ".classify..")
            .layer("register").definedBy(ROOT + ".register..")
            // reached from registration and quarantine only by events published in their transaction
            // and what follows notification: mail threaded to a notification, its reviews, the inspectorate's
            // follow-up, the clocks' reminders
            .layer("after registration").definedBy(ROOT + ".acknowledge..", ROOT + ".forward..", ROOT + ".outbox..",
                    ROOT + ".deadline..", ROOT + ".thread..", ROOT + ".review..", ROOT + ".followup..",
                    ROOT + ".report..")
            .layer("people").definedBy(ROOT + ".operator..", ROOT + ".embedded..", ROOT + ".submit..",
                    ROOT + ".signin..", ROOT + ".portal..", ROOT + ".console..")

            .whereLayer("vocabulary").mayNotAccessAnyLayer()
            .whereLayer("root").mayOnlyAccessLayers("vocabulary")
            .whereLayer("services").mayOnlyAccessLayers("vocabulary", "root")
            .whereLayer("intake").mayOnlyAccessLayers("vocabulary", "root", "services")
            .whereLayer("unwrap").mayOnlyAccessLayers("vocabulary", "root", "services", "intake")
            .whereLayer("extract").mayOnlyAccessLayers("vocabulary", "root", "services", "intake", "unwrap")
            .whereLayer("classify").mayOnlyAccessLayers("vocabulary", "root", "services", "intake", "unwrap", "extract")
            .whereLayer("register").mayOnlyAccessLayers("vocabulary", "root", "services", "intake", "unwrap", "extract",
                    "classify")
            .whereLayer("after registration").mayOnlyAccessLayers("vocabulary", "root", "services", "intake", "unwrap",
                    "extract", "classify", "register")
            .whereLayer("people").mayOnlyAccessLayers("vocabulary", "root", "services", "intake", "unwrap", "extract",
                    "classify", "register", "after registration")

            .ensureAllClassesAreContainedInArchitecture();

    @ArchTest
    static final ArchRule bouncyCastleOnlyInUnwrapAndSmime = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".unwrap..", ROOT + ".smime..")
            .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..");

    @ArchTest
    static final ArchRule documentLibrariesOnlyInExtractAndForm = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".extract..", ROOT + ".pdfform..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "org.apache.tika..");

    /**
     * The packages that own tables: intake (fetch failures), storage (stored messages, blobs, the
     * sealing migration), council, register (notifications, references, timeline), quarantine, outbox,
     * acknowledge (unverified acknowledgements), deadline (operator alerts, forward alerts), followup
     * (information requests; it also reads reviews and reminders for the notification's JSON), operator
     * (accounts), thread (threaded messages, delivery reports), review (reviews and their fields), submit (the
     * council API's idempotency keys), signin (sign-in codes, recovery codes, council API tokens, the audit
     * trail), portal (the web form's drafts and their documents), report (reads the
     * notifications, reviews and information requests of a period for the national report; writes nothing).
     */
    @ArchTest
    static final ArchRule jdbcOnlyInPackagesThatOwnTables = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".intake..", ROOT + ".storage..", ROOT + ".council..",
                    ROOT + ".register..", ROOT + ".quarantine..", ROOT + ".outbox..", ROOT + ".acknowledge..",
                    ROOT + ".deadline..", ROOT + ".operator..", ROOT + ".thread..", ROOT + ".review..",
                    ROOT + ".followup..", ROOT + ".submit..", ROOT + ".signin..", ROOT + ".portal..",
                    ROOT + ".report..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    @ArchTest
    static final ArchRule noCamelInTheVocabulary = noClasses()
            .that().resideInAPackage(ROOT + ".model..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.camel..");
}
