package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.media.MediaException;
import dev.aivid.providers.CameraIntent;
import dev.aivid.providers.CompiledRequest;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a shot into one of Kling's two dialects (providers.md §2.2-2.5), with a verdict on every
 * control. Pure: no I/O; images are encoded in memory. The field mapping and every choice made
 * where the research is silent are in docs/providers/kling.md.
 */
public final class KlingCompiler {
  static final int MAX_REFERENCE_IMAGES = 4;
  static final int MAX_PALETTE_COLOURS = 8;
  private static final Map<String, Double> ASPECT_RATIOS =
      Map.of("16:9", 16.0 / 9, "9:16", 9.0 / 16, "1:1", 1.0);
  private static final Pattern LEGACY_MODEL = Pattern.compile("kling-v(\\d+)(?:-(\\d))?(-.+)?");

  private final KlingApi api;

  public KlingCompiler(KlingApi api) {
    this.api = api;
  }

  public CompiledRequest compile(RenderRequest request) {
    KlingVerdicts verdicts = new KlingVerdicts(request.controls().references());
    KlingInputs inputs = KlingInputs.sort(request, verdicts);
    KlingPrompt prompt = new KlingPrompt(request.prompt());
    for (String sentence : inputs.paletteSentences()) {
      prompt.addSentence(sentence);
    }
    CompiledRequest compiled =
        api == KlingApi.LEGACY
            ? legacy(request, inputs, prompt, verdicts)
            : pathModel(request, inputs, prompt, verdicts);
    return withCallback(compiled, request.callbackUrl());
  }

  /**
   * Kling posts the task to {@code callback_url} when its status changes (providers.md §2.2, §2.5):
   * top level on the legacy API, under {@code options} on the path-model API. Sent only when AIVid
   * has a public URL to be called at.
   */
  private CompiledRequest withCallback(CompiledRequest compiled, @Nullable URI callbackUrl) {
    if (callbackUrl == null) {
      return compiled;
    }
    ObjectNode body = compiled.body().deepCopy();
    if (api == KlingApi.LEGACY) {
      body.put("callback_url", callbackUrl.toString());
    } else {
      ObjectNode options =
          body.get("options") instanceof ObjectNode existing ? existing : body.putObject("options");
      options.put("callback_url", callbackUrl.toString());
    }
    return new CompiledRequest(compiled.path(), body, compiled.verdicts());
  }

  /**
   * The legacy {@code video-extend} request (providers.md §2.2): it takes the generated video's id,
   * a prompt and a negative prompt, nothing else.
   */
  public CompiledRequest compileExtend(String videoId, RenderRequest continuation) {
    ShotControls controls = continuation.controls();
    KlingVerdicts verdicts = new KlingVerdicts(controls.references());
    for (ShotReference reference : controls.references()) {
      verdicts.reference(
          reference,
          ControlVerdict.dropped(
              reference.mention(), "video-extend takes a prompt and a negative prompt only"));
    }
    ObjectNode body = object();
    body.put("video_id", videoId);
    KlingPrompt prompt = new KlingPrompt(continuation.prompt());
    camera(controls.camera(), "video-extend takes no camera_control", body, prompt, verdicts);
    legacyNegativePrompt(controls, body, verdicts);
    putPrompt(body, "prompt", prompt.build(), verdicts);
    commonVerdicts(controls, verdicts);
    return withCallback(
        new CompiledRequest("/v1/videos/video-extend", body, verdicts.all()), continuation.callbackUrl());
  }

  private CompiledRequest legacy(
      RenderRequest request, KlingInputs inputs, KlingPrompt prompt, KlingVerdicts verdicts) {
    ObjectNode body = object();
    body.put("model_name", request.providerModel());
    String kind;
    @Nullable String cameraBlocker = null;
    KlingInputs.Frame first = inputs.firstFrame();
    ShotReference last = inputs.lastFrame();
    if (first != null) {
      kind = "image2video";
      body.put("image", first.image().base64());
      first.honour(verdicts, "image: the first frame");
      if (last != null) {
        KlingImages.Encoded tail = inputs.encoded(last);
        body.put("image_tail", tail.base64());
        verdicts.reference(
            last,
            ControlVerdict.honoured(last.mention(), "image_tail: the last frame" + tail.note()));
        cameraBlocker = "Kling does not combine camera_control with image_tail";
      }
      dropAll(
          inputs.referenceImages(),
          "image2video takes a first and a last frame only; Kling has no endpoint that adds"
              + " reference images to a first frame",
          verdicts);
      ShotReference mask = inputs.mask();
      if (mask != null && last != null) {
        verdicts.reference(
            mask,
            ControlVerdict.dropped(
                mask.mention(),
                "Kling does not combine a mask with image_tail (providers.md §2.2)"));
      } else if (mask != null) {
        KlingImages.Encoded encoded = inputs.encoded(mask);
        body.put("static_mask", encoded.base64());
        verdicts.reference(
            mask,
            ControlVerdict.approximated(
                mask.mention(),
                "static_mask of the motion brush: the masked area is held still" + encoded.note()));
        cameraBlocker = "Kling does not combine camera_control with a mask";
      }
    } else if (!inputs.referenceImages().isEmpty() || last != null) {
      kind = "multi-image2video";
      ArrayNode list = body.putArray("image_list");
      for (ShotReference reference : inputs.referenceImagesWith(last)) {
        if (list.size() == MAX_REFERENCE_IMAGES) {
          verdicts.reference(
              reference,
              ControlVerdict.dropped(
                  reference.mention(),
                  "multi-image2video takes at most " + MAX_REFERENCE_IMAGES + " images"));
          continue;
        }
        KlingImages.Encoded encoded = inputs.encoded(reference);
        list.addObject().put("image", encoded.base64());
        verdicts.reference(reference, referenceVerdict(reference, list.size() - 1, last, encoded));
      }
      body.put("aspect_ratio", aspectRatio(request));
      dropMask(
          inputs, "static_mask exists on image2video only, which needs a first frame", verdicts);
      cameraBlocker = "multi-image2video takes no camera_control";
    } else {
      kind = "text2video";
      body.put("aspect_ratio", aspectRatio(request));
      dropMask(
          inputs, "static_mask exists on image2video only, which needs a first frame", verdicts);
    }
    camera(request.controls().camera(), cameraBlocker, body, prompt, verdicts);
    legacyNegativePrompt(request.controls(), body, verdicts);
    KlingPrompt.Text text = prompt.build();
    if (!kind.equals("image2video") || !text.value().isEmpty()) {
      putPrompt(body, "prompt", text, verdicts);
    }
    body.put("mode", fullHd(request) ? "pro" : "std");
    body.put("duration", Integer.toString(request.seconds()));
    commonVerdicts(request.controls(), verdicts);
    return new CompiledRequest("/v1/videos/" + kind, body, verdicts.all());
  }

  private CompiledRequest pathModel(
      RenderRequest request, KlingInputs inputs, KlingPrompt prompt, KlingVerdicts verdicts) {
    ObjectNode body = object();
    KlingInputs.Frame first = inputs.firstFrame();
    ShotReference last = inputs.lastFrame();
    String noReferences =
        "the API-key API's text-to-video and image-to-video take first and last frames only;"
            + " reference images need the access key/secret key API (multi-image2video)";
    dropAll(inputs.referenceImages(), noReferences, verdicts);
    dropMask(inputs, "the API-key API has no motion brush (static_mask)", verdicts);
    camera(
        request.controls().camera(),
        "the API-key API has no camera_control",
        body,
        prompt,
        verdicts);
    String negative = negativePrompt(request.controls());
    if (negative != null) {
      prompt.addSentence("Avoid: " + negative);
      verdicts.control(
          ControlVerdict.approximated(
              "negative_prompt",
              "the API-key API has no negative_prompt: written into the prompt as \"Avoid: …\""));
    }
    KlingPrompt.Text text = prompt.build();
    ObjectNode settings = object();
    settings.put("audio", "off");
    settings.put("resolution", fullHd(request) ? "1080p" : "720p");
    settings.put("duration", request.seconds());
    String path;
    if (first != null) {
      path = "/image-to-video/" + pathModelName(request.providerModel());
      ArrayNode contents = body.putArray("contents");
      if (!text.value().isEmpty()) {
        contents.addObject().put("type", "prompt").put("text", text.value());
      }
      recordPromptCut(text, verdicts);
      contents.addObject().put("type", "first_frame").put("url", first.image().base64());
      first.honour(verdicts, "contents first_frame");
      if (last != null) {
        KlingImages.Encoded tail = inputs.encoded(last);
        contents.addObject().put("type", "last_frame").put("url", tail.base64());
        verdicts.reference(
            last, ControlVerdict.honoured(last.mention(), "contents last_frame" + tail.note()));
      }
    } else {
      path = "/text-to-video/" + pathModelName(request.providerModel());
      putPrompt(body, "prompt", text, verdicts);
      settings.put("aspect_ratio", aspectRatio(request));
      if (last != null) {
        verdicts.reference(
            last,
            ControlVerdict.dropped(
                last.mention(), "a last frame needs a first frame; " + noReferences));
      }
    }
    body.set("settings", settings);
    commonVerdicts(request.controls(), verdicts);
    return new CompiledRequest(path, body, verdicts.all());
  }

  /**
   * The path name of a legacy model id: {@code kling-v3} → {@code kling-3.0}, {@code
   * kling-v2-5-turbo} → {@code kling-2.5-turbo}; anything else is taken as a path name already.
   */
  static String pathModelName(String providerModel) {
    Matcher matcher = LEGACY_MODEL.matcher(providerModel);
    if (!matcher.matches()) {
      return providerModel;
    }
    String minor = matcher.group(2) == null ? "0" : matcher.group(2);
    String suffix = matcher.group(3) == null ? "" : matcher.group(3);
    return "kling-" + matcher.group(1) + "." + minor + suffix;
  }

  private static ControlVerdict referenceVerdict(
      ShotReference reference,
      int index,
      @Nullable ShotReference last,
      KlingImages.Encoded encoded) {
    String slot = "image_list[" + index + "]";
    if (reference == last) {
      return ControlVerdict.approximated(
          reference.mention(),
          slot
              + ": a last frame needs a first frame, so it is sent as a reference image"
              + encoded.note());
    }
    if (reference.kind().equals("style_reference")) {
      return ControlVerdict.approximated(
          reference.mention(),
          slot + ": sent as one more reference image; Kling has no style role" + encoded.note());
    }
    return ControlVerdict.honoured(
        reference.mention(), slot + ": reference image" + encoded.note());
  }

  /**
   * camera_control where the endpoint takes it; otherwise the move's words in the prompt. Either
   * way approximated: a path becomes one preset move.
   */
  private static void camera(
      @Nullable CameraIntent camera,
      @Nullable String blocker,
      ObjectNode body,
      KlingPrompt prompt,
      KlingVerdicts verdicts) {
    if (camera == null) {
      return;
    }
    KlingCameraControl control = KlingCameraControl.of(camera);
    if (control == null) {
      prompt.addSentence("Camera: static camera");
      verdicts.control(
          ControlVerdict.approximated(
              "camera_path", "static: no camera_control; \"static camera\" added to the prompt"));
      return;
    }
    if (blocker != null) {
      prompt.addSentence("Camera: " + camera.phrase());
      verdicts.control(
          ControlVerdict.approximated(
              "camera_path", "written into the prompt as \"" + camera.phrase() + "\": " + blocker));
      return;
    }
    body.set("camera_control", control.toJson());
    String stand =
        control.exact()
            ? ""
            : "; Kling has no " + camera.move() + " axis, so " + control.axis() + " stands in";
    verdicts.control(
        ControlVerdict.approximated(
            "camera_path",
            control.describe() + " from the dominant move (" + camera.phrase() + ")" + stand));
  }

  private static void legacyNegativePrompt(
      ShotControls controls, ObjectNode body, KlingVerdicts verdicts) {
    String negative = negativePrompt(controls);
    if (negative == null) {
      return;
    }
    KlingPrompt.Text text = KlingPrompt.fit(negative);
    body.put("negative_prompt", text.value());
    verdicts.control(
        text.truncated()
            ? ControlVerdict.approximated(
                "negative_prompt",
                "negative_prompt, cut to " + KlingPrompt.MAX_CHARACTERS + " characters")
            : ControlVerdict.honoured("negative_prompt", "negative_prompt"));
  }

  private static @Nullable String negativePrompt(ShotControls controls) {
    String negative = controls.negativePrompt();
    return negative == null || negative.isBlank() ? null : negative.strip();
  }

  private static void putPrompt(
      ObjectNode body, String field, KlingPrompt.Text text, KlingVerdicts verdicts) {
    body.put(field, text.value());
    recordPromptCut(text, verdicts);
  }

  private static void recordPromptCut(KlingPrompt.Text text, KlingVerdicts verdicts) {
    if (text.truncated()) {
      verdicts.control(
          ControlVerdict.approximated(
              "prompt",
              "cut to Kling's "
                  + KlingPrompt.MAX_CHARACTERS
                  + " characters (folded controls kept)"));
    }
  }

  private static void commonVerdicts(ShotControls controls, KlingVerdicts verdicts) {
    if (controls.framesPerSecond() != null) {
      verdicts.control(
          ControlVerdict.approximated(
              "frame_rate",
              "Kling chooses its own frame rate; the clip is retimed to "
                  + formatRate(controls.framesPerSecond())
                  + " fps after rendering"));
    }
    if (controls.seedRequested()) {
      verdicts.control(ControlVerdict.dropped("seed", "Kling's API has no seed parameter"));
    }
  }

  private static String formatRate(double rate) {
    return rate == Math.rint(rate)
        ? Long.toString((long) rate)
        : String.format(Locale.ROOT, "%.3f", rate);
  }

  private static void dropAll(List<ShotReference> references, String why, KlingVerdicts verdicts) {
    for (ShotReference reference : references) {
      verdicts.reference(reference, ControlVerdict.dropped(reference.mention(), why));
    }
  }

  private static void dropMask(KlingInputs inputs, String why, KlingVerdicts verdicts) {
    ShotReference mask = inputs.mask();
    if (mask != null) {
      verdicts.reference(mask, ControlVerdict.dropped(mask.mention(), why));
    }
  }

  /** 720p is standard mode; anything with a short side above 720 needs pro (1080p). */
  private static boolean fullHd(RenderRequest request) {
    return Math.min(request.width(), request.height()) > 720;
  }

  /** Kling takes 16:9, 9:16 and 1:1; the catalog's sizes are all of these, others go nearest. */
  static String aspectRatio(RenderRequest request) {
    String exact = request.aspectRatio();
    if (ASPECT_RATIOS.containsKey(exact)) {
      return exact;
    }
    double ratio = (double) request.width() / request.height();
    String nearest = "16:9";
    double best = Double.MAX_VALUE;
    for (Map.Entry<String, Double> candidate : ASPECT_RATIOS.entrySet()) {
      double distance = Math.abs(Math.log(ratio / candidate.getValue()));
      if (distance < best || (distance == best && candidate.getKey().compareTo(nearest) < 0)) {
        best = distance;
        nearest = candidate.getKey();
      }
    }
    return nearest;
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Decoding a palette or a WebP can fail on bad input; the control is then dropped. */
  static String reason(MediaException e) {
    return e.getMessage() == null ? e.code() : e.getMessage();
  }
}
