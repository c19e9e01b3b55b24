package dev.aivid.preflight;

import dev.aivid.catalog.VideoSize;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The preflight of one shot: per candidate model, what happens to every input, the findings and
 * the credits, plus the model preflight recommends.
 *
 * @param recommendedModel null when every candidate is blocked
 * @param recommendation why, in one sentence
 */
public record PreflightReport(
    int catalogVersion,
    String prompt,
    int seconds,
    VideoSize size,
    ShotFigures shot,
    List<PreflightInput> inputs,
    List<ModelReport> models,
    @Nullable String recommendedModel,
    String recommendation) {
  public PreflightReport {
    inputs = List.copyOf(inputs);
    models = List.copyOf(models);
  }

  public Optional<ModelReport> model(String id) {
    return models.stream().filter(report -> report.model().id().equals(id)).findFirst();
  }

  /** True when at least one model can render the shot (its verdict is not {@code blocked}). */
  public boolean passes() {
    return recommendedModel != null;
  }
}
