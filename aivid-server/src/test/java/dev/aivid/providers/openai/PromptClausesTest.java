package dev.aivid.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The documented rules of the spatio-temporal classifier (OpenAiCompiler's header). */
class PromptClausesTest {
  @Test
  void motionVerbsInAnyRegularFormAreMovement() {
    assertThat(PromptClauses.classify("she was running")).isEqualTo(PromptClauses.Kind.MOVEMENT);
    assertThat(PromptClauses.classify("the bird flies")).isEqualTo(PromptClauses.Kind.MOVEMENT);
    assertThat(PromptClauses.classify("leaves swirled")).isEqualTo(PromptClauses.Kind.MOVEMENT);
    assertThat(PromptClauses.classify("handheld close-up")).isEqualTo(PromptClauses.Kind.MOVEMENT);
  }

  @Test
  void settingsLightAndWeatherAreEnvironmentAndTheRestIsNeither() {
    assertThat(PromptClauses.classify("golden hour light"))
        .isEqualTo(PromptClauses.Kind.ENVIRONMENT);
    assertThat(PromptClauses.classify("a foggy harbour")).isEqualTo(PromptClauses.Kind.ENVIRONMENT);
    assertThat(PromptClauses.classify("a girl in a yellow raincoat"))
        .isEqualTo(PromptClauses.Kind.NEITHER);
  }

  @Test
  void mentionsAreNeverClassified() {
    assertThat(PromptClauses.classify("a girl watches @Camera1"))
        .isEqualTo(PromptClauses.Kind.NEITHER);
  }

  @Test
  void aMovementClauseEndingInASettingIsCutAtItsPreposition() {
    PromptClauses.Split split =
        PromptClauses.split(
            "A dancer spins on a rooftop at night, the camera orbits her. Rain; a man in a hat.");

    assertThat(split.movement()).containsExactly("A dancer spins", "the camera orbits her");
    assertThat(split.environment()).containsExactly("on a rooftop at night", "Rain");
  }

  @Test
  void aPromptWithNeitherGivesEmptyLines() {
    PromptClauses.Split split = PromptClauses.split("A portrait of an old sailor");

    assertThat(split.movement()).isEmpty();
    assertThat(split.environment()).isEmpty();
  }
}
