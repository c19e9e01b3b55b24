package dev.aivid.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md, enforced so the picture stays true. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aivid");
  }

  @Test
  void theMediaLibraryKnowsNothingOfTheServer() {
    noClasses()
        .that()
        .resideInAPackage("dev.aivid.media..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.aivid.api..", "dev.aivid.jobs..", "dev.aivid.account..", "io.javalin..", "org.jdbi..", "java.sql..")
        .check(classes);
  }

  @Test
  void providersNeverReachIntoTheApiJobsOrAccounts() {
    noClasses()
        .that()
        .resideInAPackage("dev.aivid.providers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.aivid.api..", "dev.aivid.jobs..", "dev.aivid.account..", "io.javalin..", "org.jdbi..")
        .check(classes);
  }

  @Test
  void theHttpLayerRunsNoSql() {
    noClasses()
        .that()
        .resideInAPackage("dev.aivid.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jdbi..", "java.sql..", "dev.aivid.jobs.internal..", "dev.aivid.account.internal..")
        .check(classes);
  }

  @Test
  void internalPackagesAreUsedOnlyByTheirFeatureAndTheCompositionRoot() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.aivid.jobs..", "dev.aivid")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.aivid.jobs.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.aivid.account..", "dev.aivid", "dev.aivid.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.aivid.account.internal..")
        .check(classes);
  }
}
