package dev.aivid.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
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
  void providersNeverReachIntoCreditsStorageRoutingOrEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.aivid.providers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.aivid.credits..", "dev.aivid.storage..", "dev.aivid.routing..", "dev.aivid.connections..")
        .check(classes);
    List<String> adapters = List.of("kling", "seedance", "veo", "runway", "openai", "local");
    for (String adapter : adapters) {
      String[] others =
          adapters.stream().filter(other -> !other.equals(adapter)).map(other -> "dev.aivid.providers." + other + "..").toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("dev.aivid.providers." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void routingDecidesWithoutIoAndKnowsNothingOfJobsOrHttp() {
    noClasses()
        .that()
        .resideInAPackage("dev.aivid.routing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.aivid.api..", "dev.aivid.jobs..", "dev.aivid.credits.internal..", "io.javalin..", "org.jdbi..", "java.net.http..")
        .check(classes);
  }

  @Test
  void connectionSecretsStayInsideTheirFeature() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.aivid.connections..", "dev.aivid")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.aivid.connections.internal..")
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
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.aivid.webhooks..", "dev.aivid")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.aivid.webhooks.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.aivid.dashboard..", "dev.aivid")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.aivid.dashboard.internal..")
        .check(classes);
  }

  @Test
  void webhooksAreToldOfEventsAndKnowNothingOfTheFeaturesThatPublishThem() {
    noClasses()
        .that()
        .resideInAPackage("dev.aivid.webhooks..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.aivid.api..", "dev.aivid.jobs..", "dev.aivid.providers..", "dev.aivid.connections..", "io.javalin..")
        .check(classes);
  }
}
