package dev.aivid.preflight;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Preflight is a pure function of the stack and the catalog: no HTTP, no SQL, no jobs, no ledger. */
class PreflightArchitectureTest {

  @Test
  void preflightKnowsNothingOfHttpStorageJobsOrTheLedger() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aivid");
    noClasses()
        .that()
        .resideInAPackage("dev.aivid.preflight..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.javalin..",
            "org.jdbi..",
            "java.sql..",
            "dev.aivid.api..",
            "dev.aivid.jobs..",
            "dev.aivid.database..",
            "dev.aivid.storage..",
            "dev.aivid.providers..",
            "dev.aivid.credits.internal..")
        .check(classes);
  }
}
