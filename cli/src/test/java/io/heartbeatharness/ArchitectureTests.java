package io.heartbeatharness;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape the modules keep, so that dependencies flow one way along the data: spec → target → cell → fault →
 * timeline → judge → verdict → report. Maven already refuses a dependency between modules that the poms do not
 * declare; these rules hold what Maven cannot see, inside the modules and between packages.
 */
class ArchitectureTests {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Other modules' test helpers reach this class path as test jars.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.heartbeatharness");

    /** The packages of the {@code model} module: the vocabulary every other part shares. */
    private static final String[] MODEL = {"..budget..", "..protocol..", "..result..", "..time..", "..timeline..",
            "..verdict.."};

    /** The packages of the engine in the {@code scenarios} module, in the order the data flows through them. */
    private static final String[] ENGINE = {"..spec..", "..target..", "..backend..", "..fault..", "..judge..", "..cell..",
            "..scenario..", "..run.."};

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("io.heartbeatharness.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** Nor between any two packages, a package and its own sub-packages included. */
    @Test
    void noCyclesBetweenAnyPackages() {
        slices().matching("io.heartbeatharness.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theModelNeedsNothingButTheJdkAndHdrHistogram() {
        classes().that().resideInAnyPackage(MODEL)
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(MODEL, "java..", "javax.management..",
                        "com.sun.management..", "org.HdrHistogram.."))
                .check(MAIN);
    }

    @Test
    void reportsSeeOnlyTheModel() {
        classes().that().resideInAPackage("..report..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(MODEL, "..report..", "java..", "javax.xml..",
                        "com.fasterxml.jackson..", "com.samskivert.mustache.."))
                .check(MAIN);
    }

    @Test
    void theProxyStandsAlone() {
        noClasses().that().resideInAPackage("..proxy..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(ENGINE, "..reference..", "..process..",
                        "..kernel..", "..nginx..", "..report..", "..cli..", "..junit.."))
                .check(MAIN);
    }

    @Test
    void peersKnowOnlyTheModel() {
        noClasses().that().resideInAPackage("..reference..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(ENGINE, "..proxy..", "..process..",
                        "..kernel..", "..nginx..", "..report..", "..cli..", "..junit.."))
                .check(MAIN);
    }

    @Test
    void judgesArePureFunctionsOfRecordedEvidence() {
        noClasses().that().resideInAPackage("..judge..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "..proxy..", "..process..",
                        "..kernel..", "..nginx..", "..reference..", "..backend..", "..fault..", "..cell..",
                        "..scenario..", "..run..")
                .check(MAIN);
    }

    /**
     * Spec → target → fault (through a backend) → cell → scenario → run, with judges beside the cell: each package of
     * the engine sees only those before it, so a fault never reaches back into the cell that made it.
     */
    @Test
    void theEngineFollowsTheData() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("spec").definedBy("io.heartbeatharness.spec..")
                .layer("target").definedBy("io.heartbeatharness.target..")
                .layer("backend").definedBy("io.heartbeatharness.backend..")
                .layer("fault").definedBy("io.heartbeatharness.fault..")
                .layer("judge").definedBy("io.heartbeatharness.judge..")
                .layer("cell").definedBy("io.heartbeatharness.cell..")
                .layer("scenario").definedBy("io.heartbeatharness.scenario..")
                .layer("run").definedBy("io.heartbeatharness.run..")
                .whereLayer("run").mayNotBeAccessedByAnyLayer()
                // A spec may name its target's own scenarios, checked against the installed catalogue.
                .whereLayer("scenario").mayOnlyBeAccessedByLayers("spec", "run")
                .whereLayer("cell").mayOnlyBeAccessedByLayers("scenario", "run")
                .whereLayer("judge").mayOnlyBeAccessedByLayers("cell", "scenario", "run")
                .whereLayer("fault").mayOnlyBeAccessedByLayers("cell", "scenario", "run")
                .whereLayer("backend").mayOnlyBeAccessedByLayers("fault", "cell", "scenario", "run")
                .whereLayer("spec").mayOnlyBeAccessedByLayers("run")
                .check(MAIN);
    }

    @Test
    void onlyTheTestSupportKnowsJUnit() {
        noClasses().that().resideOutsideOfPackages("..testing..", "..junit..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..", "..testing..")
                .because("the command line's jar has no JUnit in it")
                .check(MAIN);
    }

    @Test
    void scenariosNeverTouchNetty() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(MAIN);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
