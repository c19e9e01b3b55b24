package dev.aivid.preflight;

import dev.aivid.catalog.CatalogModel;
import java.util.List;

/**
 * Preflight of one stack against one model.
 *
 * @param estimateMicros the credits this shot would hold, in micro-credits (nothing is charged)
 * @param fidelity 0..1: the share of the stack's weight the model honours (approximated counts half,
 *     spatial controls weigh 3)
 * @param passed the artifact rules that ran and found nothing, with their numbers
 */
public record ModelReport(
    CatalogModel model,
    ModelVerdict verdict,
    long estimateMicros,
    double fidelity,
    CapacityReport capacity,
    List<InputVerdict> inputs,
    List<Finding> findings,
    List<Check> passed) {
  public ModelReport {
    inputs = List.copyOf(inputs);
    findings = List.copyOf(findings);
    passed = List.copyOf(passed);
  }
}
