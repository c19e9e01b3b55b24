package dev.aivid.providers.seedance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.providers.CameraIntent;
import dev.aivid.providers.CompiledRequest;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a shot into a Seedance create-task body (providers.md §3.2). Pure: no I/O, the same
 * request always gives the same body and verdicts.
 */
public final class SeedanceCompiler {
  public static final String TASKS_PATH = "/contents/generations/tasks";
  /** Seedance renders at 24 fps only ({@code framespersecond} accepts nothing else). */
  static final int FRAMES_PER_SECOND = 24;
  static final long MAX_SEED = 4_294_967_295L;

  private final SeedanceRegion region;
  private final @Nullable String endpointId;

  /**
   * @param endpointId an {@code ep-…} inference endpoint sent as {@code model} instead of the
   *     region's model id; null to send the model id
   */
  public SeedanceCompiler(SeedanceRegion region, @Nullable String endpointId) {
    this.region = region;
    this.endpointId = endpointId;
  }

  public CompiledRequest compile(RenderRequest request) {
    ShotControls controls = request.controls();
    SeedanceContentPlan plan = SeedanceContentPlan.of(request);
    List<ControlVerdict> verdicts = new ArrayList<>(plan.verdicts());
    CameraIntent camera = controls.camera();
    boolean cameraFixed = camera != null && camera.move().equals("static");

    List<String> lines = new ArrayList<>();
    if (!request.prompt().isBlank()) {
      lines.add(request.prompt().strip());
    }
    if (!plan.legend().isEmpty()) {
      lines.add("References: " + String.join(" ", plan.legend()));
    }
    if (camera != null) {
      if (cameraFixed) {
        verdicts.add(ControlVerdict.honoured("camera_path", "camera_fixed: true (a locked-off camera)"));
      } else {
        lines.add("Camera: " + camera.phrase() + ".");
        verdicts.add(
            ControlVerdict.approximated(
                "camera_path",
                "Seedance has no camera parameter: \"" + camera.phrase() + "\" is written into the prompt"));
      }
    }
    List<String> avoid = new ArrayList<>();
    String negativePrompt = controls.negativePrompt();
    if (negativePrompt != null && !negativePrompt.isBlank()) {
      avoid.add(negativePrompt.strip());
    }
    for (String role : plan.avoid()) {
      if (avoid.stream().noneMatch(text -> text.toLowerCase(Locale.ROOT).contains(role))) {
        avoid.add(role);
      }
    }
    if (!avoid.isEmpty()) {
      lines.add("Avoid: " + String.join("; ", avoid) + ".");
    }
    if (negativePrompt != null) {
      verdicts.add(
          negativePrompt.isBlank()
              ? ControlVerdict.dropped("negative_prompt", "the negative prompt is empty")
              : ControlVerdict.approximated(
                  "negative_prompt",
                  "Seedance has no negative prompt: folded into the prompt as \"Avoid: " + negativePrompt.strip()
                      + "\""));
    }

    Double framesPerSecond = controls.framesPerSecond();
    if (framesPerSecond != null) {
      verdicts.add(
          framesPerSecond == FRAMES_PER_SECOND
              ? ControlVerdict.honoured("frame_rate", "framespersecond: 24")
              : ControlVerdict.approximated(
                  "frame_rate",
                  "Seedance renders at 24 fps only (framespersecond: 24): the video comes back at 24 fps, and "
                      + formatRate(framesPerSecond) + " fps needs a retime after rendering"));
    }
    long seed = wireSeed(request.seed());
    if (controls.seedRequested()) {
      verdicts.add(
          seed == request.seed()
              ? ControlVerdict.honoured("seed", "seed: " + seed)
              : ControlVerdict.approximated(
                  "seed",
                  "seed " + request.seed() + " is outside Seedance's 0.." + MAX_SEED + "; sent as " + seed
                      + " (modulo 2^32)"));
    }

    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("model", endpointId != null ? endpointId : region.modelId(request.providerModel()));
    ArrayNode content = body.putArray("content");
    String text = String.join("\n", lines);
    if (!text.isBlank()) {
      content.addObject().put("type", "text").put("text", text);
    }
    plan.items().forEach(content::add);
    SeedanceFrame frame = SeedanceFrame.of(request.width(), request.height());
    body.put("ratio", frame.ratio());
    body.put("resolution", frame.resolution());
    body.put("duration", request.seconds());
    body.put("seed", seed);
    body.put("framespersecond", FRAMES_PER_SECOND);
    body.put("camera_fixed", cameraFixed);
    body.put("watermark", false);
    body.put("return_last_frame", true);
    body.put("generate_audio", false);
    if (request.callbackUrl() != null) {
      // ModelArk posts the task to callback_url when its status changes (providers.md §3.2).
      body.put("callback_url", request.callbackUrl().toString());
    }
    return new CompiledRequest(TASKS_PATH, body, verdicts);
  }

  /** AIVid seeds are non-negative; Seedance's end at 2^32 − 1 (−1 would mean "random"). */
  static long wireSeed(long seed) {
    return seed >= 0 && seed <= MAX_SEED ? seed : Math.floorMod(seed, MAX_SEED + 1);
  }

  private static String formatRate(double framesPerSecond) {
    return framesPerSecond == Math.rint(framesPerSecond)
        ? Long.toString((long) framesPerSecond)
        : Double.toString(framesPerSecond);
  }
}
