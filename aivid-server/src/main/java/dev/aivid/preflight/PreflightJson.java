package dev.aivid.preflight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.catalog.InputSupport;
import dev.aivid.catalog.Lifecycle;
import dev.aivid.catalog.QualityScores;
import dev.aivid.credits.Credits;
import dev.aivid.preflight.internal.Capacity;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The report as JSON: the body of {@code POST /v1/stacks/preflight} and of {@code aivid preflight --json}. */
public final class PreflightJson {
  private PreflightJson() {}

  public static ObjectNode report(ObjectMapper json, PreflightReport report, @Nullable String stackId) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "stack.preflight");
    node.put("stack_id", stackId);
    node.put("catalog_version", report.catalogVersion());
    node.put("prompt", report.prompt());
    node.put("seconds", report.seconds());
    node.put("size", report.size().toString());
    node.put("frames_per_second", report.shot().framesPerSecond());
    ObjectNode shot = node.putObject("shot");
    shot.put("class", report.shot().shotClass());
    shot.put("subject_peak_screen_speed_pixels_per_second", report.shot().subjectPeakScreenSpeedPixelsPerSecond());
    shot.put("camera_peak_screen_speed_pixels_per_second", report.shot().cameraPeakScreenSpeedPixelsPerSecond());
    shot.put("camera_rotation_degrees", report.shot().cameraRotationDegrees());
    ArrayNode inputs = node.putArray("inputs");
    for (PreflightInput input : report.inputs()) {
      ObjectNode item = inputs.addObject();
      item.put("index", input.index());
      item.put("kind", input.kind().wireName());
      item.put("mention", input.mention());
      item.put("name", input.name());
      item.put("file", input.fileName());
      if (input.value() != null) {
        item.put("value", input.value());
      }
      item.put("spatial", Capacity.isSpatial(input.kind()));
      item.put("weight", Capacity.weight(input.kind()));
    }
    node.put("recommended_model", report.recommendedModel());
    node.put("recommendation", report.recommendation());
    ArrayNode models = node.putArray("models");
    for (ModelReport model : report.models()) {
      models.add(model(json, model));
    }
    node.put("charged", false);
    return node;
  }

  private static ObjectNode model(ObjectMapper json, ModelReport report) {
    ObjectNode node = json.createObjectNode();
    node.put("model", report.model().id());
    node.put("name", report.model().displayName());
    node.put("provider", report.model().provider());
    node.put(
        "lifecycle",
        switch (report.model().lifecycle()) {
          case Lifecycle.Active active -> "active";
          case Lifecycle.Deprecated deprecated -> "deprecated";
          case Lifecycle.Retired retired -> "retired";
        });
    node.put("verdict", report.verdict().wireName());
    node.put("estimated_credits", Credits.format(report.estimateMicros()));
    node.put("pricing_source", report.model().pricing().source());
    node.put("fidelity", report.fidelity());
    QualityScores quality = report.model().quality();
    if (quality == null) {
      node.putNull("quality");
    } else {
      node.putObject("quality")
          .put("temporal_consistency", quality.temporalConsistency())
          .put("motion_fluidity", quality.motionFluidity())
          .put("source", quality.source());
    }
    ObjectNode capacity = node.putObject("capacity");
    capacity.put("max_inputs", report.capacity().maxInputs());
    capacity.put("requested", report.capacity().requested());
    ArrayNode kept = capacity.putArray("kept");
    report.capacity().kept().forEach(kept::add);
    ArrayNode dropped = capacity.putArray("dropped");
    report.capacity().dropped().forEach(dropped::add);
    ArrayNode inputs = node.putArray("inputs");
    for (InputVerdict verdict : report.inputs()) {
      ObjectNode item = inputs.addObject();
      item.put("index", verdict.index());
      item.put("mention", verdict.mention());
      item.put("kind", verdict.kind().wireName());
      item.put("verdict", verdict.treatment().wireName());
      boolean dropped_ = verdict.treatment() == InputSupport.Treatment.DROPPED;
      item.put("how", dropped_ ? null : verdict.detail());
      item.put("why", dropped_ ? verdict.detail() : null);
      item.put("weight", verdict.weight());
      item.put("dropped_for_capacity", verdict.droppedForCapacity());
    }
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    ArrayNode findings = node.putArray("findings");
    for (Finding finding : report.findings()) {
      switch (finding.severity()) {
        case ERROR -> errors++;
        case WARNING -> warnings++;
        case INFO -> infos++;
      }
      ObjectNode item = findings.addObject();
      item.put("rule", finding.rule());
      item.put("severity", finding.severity().wireName());
      item.put("message", finding.message());
      evidence(item.putObject("evidence"), finding.evidence());
      if (finding.autoFix() == null) {
        item.putNull("auto_fix");
      } else {
        item.putObject("auto_fix")
            .put("action", finding.autoFix().action().wireName())
            .put("detail", finding.autoFix().detail());
      }
    }
    ArrayNode passed = node.putArray("passed");
    for (Check check : report.passed()) {
      ObjectNode item = passed.addObject();
      item.put("rule", check.rule());
      item.put("note", check.note());
      evidence(item.putObject("evidence"), check.evidence());
    }
    node.putObject("counts").put("errors", errors).put("warnings", warnings).put("info", infos);
    return node;
  }

  /** Whole numbers as integers (600, not 600.0), the rest as they are. */
  private static void evidence(ObjectNode target, Map<String, Double> evidence) {
    for (Map.Entry<String, Double> entry : evidence.entrySet()) {
      double value = entry.getValue();
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        target.put(entry.getKey(), (long) value);
      } else {
        target.put(entry.getKey(), value);
      }
    }
  }
}
