package dev.aivid.preflight;

import dev.aivid.catalog.InputSupport;
import dev.aivid.credits.Credits;
import dev.aivid.preflight.internal.Capacity;
import dev.aivid.preflight.internal.RuleBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report as plain text for a terminal: a summary table, the input matrix, then each model's findings. */
public final class PreflightTable {
  private PreflightTable() {}

  public static String render(PreflightReport report) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "AIVid preflight: %d s at %s, %s fps, %d inputs (catalog v%d; nothing is charged)%n",
            report.seconds(),
            report.size(),
            RuleBook.number(report.shot().framesPerSecond()),
            report.inputs().size(),
            report.catalogVersion()));
    out.append("Prompt: ").append(report.prompt().isBlank() ? "(none)" : report.prompt().strip()).append('\n');
    out.append("Shot:   ").append(shot(report.shot())).append("\n\n");

    List<List<String>> summary = new ArrayList<>();
    summary.add(List.of("MODEL", "VERDICT", "CREDITS", "FIDELITY", "INPUTS", "FINDINGS"));
    for (ModelReport model : report.models()) {
      summary.add(
          List.of(
              model.model().id() + (model.model().id().equals(report.recommendedModel()) ? " *" : ""),
              model.verdict().wireName(),
              Credits.format(model.estimateMicros()),
              String.format(Locale.ROOT, "%.0f%%", model.fidelity() * 100),
              inputsUsed(model),
              counts(model.findings())));
    }
    table(out, summary, List.of(2, 3, 4));
    out.append('\n');
    out.append(report.recommendedModel() == null ? "No recommendation: " : "Recommended (*): ")
        .append(report.recommendation())
        .append("\n\n");

    List<List<String>> matrix = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("INPUT", "KIND", "WEIGHT"));
    report.models().forEach(model -> header.add(model.model().id()));
    matrix.add(header);
    for (PreflightInput input : report.inputs()) {
      List<String> row = new ArrayList<>();
      row.add(input.label());
      row.add(input.kind().wireName());
      row.add(Capacity.isSpatial(input.kind()) ? "3 (spatial)" : "1");
      for (ModelReport model : report.models()) {
        InputVerdict verdict =
            model.inputs().stream().filter(item -> item.index() == input.index()).findFirst().orElseThrow();
        row.add(verdict.treatment().wireName() + (verdict.droppedForCapacity() ? " (limit)" : ""));
      }
      matrix.add(row);
    }
    if (!report.inputs().isEmpty()) {
      table(out, matrix, List.of());
      out.append('\n');
    }

    for (ModelReport model : report.models()) {
      out.append("== ")
          .append(model.model().id())
          .append(" (")
          .append(model.model().displayName())
          .append("): ")
          .append(model.verdict().wireName())
          .append(", ")
          .append(Credits.format(model.estimateMicros()))
          .append(" credits\n");
      CapacityReport capacity = model.capacity();
      out.append("   sends: ").append(String.join(", ", capacity.kept()));
      out.append(capacity.maxInputs() > 0 ? " (limit " + capacity.maxInputs() + ")" : "").append('\n');
      if (!capacity.dropped().isEmpty()) {
        out.append("   left out by its limits: ").append(String.join(", ", capacity.dropped())).append('\n');
      }
      if (model.findings().isEmpty()) {
        out.append("   no findings\n");
      }
      for (Finding finding : model.findings()) {
        out.append("   ")
            .append(finding.severity().wireName().toUpperCase(Locale.ROOT))
            .append(' ')
            .append(finding.rule())
            .append(": ")
            .append(finding.message())
            .append('\n');
        if (!finding.evidence().isEmpty()) {
          out.append("      evidence: ").append(evidence(finding.evidence())).append('\n');
        }
        if (finding.autoFix() != null) {
          out.append("      fix (")
              .append(finding.autoFix().action().wireName())
              .append("): ")
              .append(finding.autoFix().detail())
              .append('\n');
        }
      }
      for (Check check : model.passed()) {
        out.append("   passed ").append(check.rule()).append(": ").append(check.note()).append('\n');
      }
      for (InputVerdict verdict : model.inputs()) {
        if (verdict.treatment() == InputSupport.Treatment.HONOURED) {
          continue;
        }
        out.append("   ")
            .append(verdict.mention())
            .append(' ')
            .append(verdict.treatment().wireName())
            .append(": ")
            .append(verdict.detail())
            .append('\n');
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String shot(ShotFigures shot) {
    List<String> parts = new ArrayList<>();
    parts.add(shot.shotClass().replace('_', ' '));
    if (shot.subjectPeakScreenSpeedPixelsPerSecond() != null) {
      parts.add(String.format(Locale.ROOT, "subject peaks at %.1f px/s", shot.subjectPeakScreenSpeedPixelsPerSecond()));
    }
    if (shot.cameraPeakScreenSpeedPixelsPerSecond() != null) {
      parts.add(String.format(Locale.ROOT, "camera peaks at %.1f px/s", shot.cameraPeakScreenSpeedPixelsPerSecond()));
    }
    if (shot.cameraRotationDegrees() != null) {
      parts.add(String.format(Locale.ROOT, "camera turns %.1f°", shot.cameraRotationDegrees()));
    }
    return String.join(", ", parts);
  }

  private static String inputsUsed(ModelReport model) {
    long used = model.inputs().stream()
        .filter(verdict -> verdict.treatment() != InputSupport.Treatment.DROPPED)
        .count();
    return used + "/" + model.inputs().size();
  }

  private static String counts(List<Finding> findings) {
    List<String> parts = new ArrayList<>();
    for (Severity severity : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
      long count = findings.stream().filter(finding -> finding.severity() == severity).count();
      if (count > 0) {
        String word = severity == Severity.INFO ? "info" : severity.wireName() + (count == 1 ? "" : "s");
        parts.add(count + " " + word);
      }
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String evidence(Map<String, Double> evidence) {
    return evidence.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + RuleBook.number(entry.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** Left-aligned columns, except the right-aligned ones listed; two spaces between columns. */
  private static void table(StringBuilder out, List<List<String>> rows, List<Integer> rightAligned) {
    int columns = rows.getFirst().size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int column = 0; column < columns; column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < columns; column++) {
        String cell = row.get(column);
        String padding = " ".repeat(widths[column] - cell.length());
        if (column > 0) {
          line.append("  ");
        }
        line.append(rightAligned.contains(column) ? padding + cell : cell + padding);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
