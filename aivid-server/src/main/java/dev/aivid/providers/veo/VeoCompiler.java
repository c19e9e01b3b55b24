package dev.aivid.providers.veo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.media.MediaException;
import dev.aivid.media.palette.Colour;
import dev.aivid.media.palette.Palettes;
import dev.aivid.providers.CameraIntent;
import dev.aivid.providers.CompiledRequest;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a shot into a Veo {@code predictLongRunning} body (python-genai's wire mapping,
 * providers.md §4.3). Pure: no I/O.
 *
 * <p>Veo takes either frames (instances[0].image, lastFrame) or reference images, never both. The
 * rule: the request's exact first frame always wins; otherwise an image whose role names a
 * character or object makes it a reference render, and every other image is demoted to an ASSET
 * reference. Images without such a role are frames: the first is the first frame, one whose role
 * says "last frame" is the last frame.
 */
public final class VeoCompiler {
  static final int MAX_REFERENCE_IMAGES = 3;
  static final long MAX_SEED = 0xFFFF_FFFFL;
  private static final int MAX_PALETTE_COLOURS = 6;
  private static final String[] ASSET_WORDS = {
    "character", "person", "people", "subject", "object", "product", "prop", "asset", "face",
    "outfit", "costume", "creature", "animal", "item", "identity", "actor", "mascot", "logo"
  };
  private static final String[] LAST_FRAME_WORDS = {"last frame", "end frame", "final frame", "ending frame"};
  private static final String NO_FRAMES_WITH_REFERENCES =
      "Veo takes no first or last frame alongside reference images (python-genai: image, video,"
          + " last_frame not supported alongside reference_images)";
  private static final String NO_REFERENCES_WITH_FRAMES =
      "Veo takes no reference images alongside a first frame (python-genai: image, video, last_frame"
          + " not supported alongside reference_images); the request's first frame was kept";

  private final VeoBackend backend;

  public VeoCompiler(VeoBackend backend) {
    this.backend = backend;
  }

  public CompiledRequest compile(RenderRequest request) {
    ShotControls controls = request.controls();
    Plan plan = plan(request);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode body = nodes.objectNode();
    ObjectNode instance = body.putArray("instances").addObject();
    // Reserves the first position: a later put keeps it, so the body reads prompt first.
    instance.put("prompt", "");
    List<String> promptLines = new ArrayList<>();
    List<ControlVerdict> verdicts = new ArrayList<>();

    if (request.firstFrameImage() != null) {
      instance.set("image", image(request.firstFrameImage(), null));
    }
    ArrayNode referenceImages = nodes.arrayNode();
    StringBuilder negative = new StringBuilder(nonNull(controls.negativePrompt()).strip());
    for (ShotReference reference : controls.references()) {
      Use use = plan.uses.get(reference.mention());
      verdicts.add(
          switch (use) {
            case FIRST_FRAME -> {
              instance.set("image", image(reference.bytes(), reference.mediaType()));
              yield ControlVerdict.honoured(reference.mention(), "instances[0].image: the first frame");
            }
            case REQUEST_FIRST_FRAME ->
                ControlVerdict.honoured(reference.mention(), "instances[0].image: the request's first frame");
            case LAST_FRAME -> {
              instance.set("lastFrame", image(reference.bytes(), reference.mediaType()));
              yield ControlVerdict.honoured(reference.mention(), "instances[0].lastFrame: the last frame");
            }
            case ASSET -> {
              referenceImages.add(reference(reference, "ASSET"));
              yield ControlVerdict.honoured(
                  reference.mention(), "instances[0].referenceImages, referenceType ASSET");
            }
            case DEMOTED_ASSET -> {
              referenceImages.add(reference(reference, "ASSET"));
              yield ControlVerdict.approximated(
                  reference.mention(), NO_FRAMES_WITH_REFERENCES + "; sent as an ASSET reference instead");
            }
            case STYLE -> {
              referenceImages.add(reference(reference, "STYLE"));
              if (reference.role() != null) {
                promptLines.add("Style of " + reference.mention() + ": " + reference.role() + ".");
              }
              yield ControlVerdict.approximated(
                  reference.mention(),
                  "instances[0].referenceImages, referenceType STYLE (documented for Veo 2; Veo 3.1"
                      + " documents asset references)"
                      + (reference.role() != null ? ", and its role in the prompt" : ""));
            }
            case STYLE_TEXT -> {
              promptLines.add("Style of " + reference.mention() + ": " + reference.role() + ".");
              yield ControlVerdict.approximated(
                  reference.mention(),
                  "its role is written into the prompt; the image is not sent: " + plan.reasons.get(reference.mention()));
            }
            case NEGATIVE_TEXT -> {
              String role = nonNull(reference.role());
              if (!negative.toString().toLowerCase(Locale.ROOT).contains(role)) {
                negative.append(negative.isEmpty() ? "" : ", ").append(role);
              }
              yield ControlVerdict.approximated(
                  reference.mention(), "its role is in parameters.negativePrompt; the image is not sent");
            }
            case PALETTE_TEXT -> {
              promptLines.add(
                  "Colour palette (" + reference.mention() + "): " + plan.reasons.get(reference.mention()) + ".");
              yield ControlVerdict.approximated(reference.mention(), "its colours are written into the prompt");
            }
            case CAMERA_TEXT ->
                ControlVerdict.approximated(
                    reference.mention(), "its dominant move is written into the prompt (see camera_path)");
            case DROPPED -> ControlVerdict.dropped(reference.mention(), plan.reasons.get(reference.mention()));
          });
    }
    if (!referenceImages.isEmpty()) {
      instance.set("referenceImages", referenceImages);
    }

    CameraIntent camera = controls.camera();
    if (camera != null) {
      String phrase = camera.phrase();
      promptLines.add(0, "Camera: " + phrase + ".");
      verdicts.add(
          ControlVerdict.approximated(
              "camera_path", "'" + phrase + "' written into the prompt; Veo takes no camera parameter"));
    }
    instance.put("prompt", prompt(request.prompt(), promptLines));

    ObjectNode parameters = body.putObject("parameters");
    parameters.put("aspectRatio", aspectRatio(request));
    parameters.put("resolution", resolution(request));
    parameters.put("durationSeconds", durationSeconds(request.seconds()));
    parameters.put("sampleCount", 1);
    if (!negative.isEmpty()) {
      parameters.put("negativePrompt", negative.toString());
    }
    if (controls.negativePrompt() != null) {
      verdicts.add(ControlVerdict.honoured("negative_prompt", "parameters.negativePrompt"));
    }
    switch (backend) {
      case VeoBackend.GeminiApi gemini -> geminiParameters(controls, verdicts);
      case VeoBackend.VertexAi vertex -> vertexParameters(request, vertex, parameters, verdicts);
    }
    return new CompiledRequest(backend.createPath(request.providerModel()), body, verdicts);
  }

  private static void geminiParameters(ShotControls controls, List<ControlVerdict> verdicts) {
    if (controls.framesPerSecond() != null) {
      verdicts.add(
          ControlVerdict.dropped(
              "frame_rate",
              "the Gemini API takes no fps (python-genai raises for it); Veo renders 24 fps, so AIVid"
                  + " retimes after rendering"));
    }
    if (controls.seedRequested()) {
      verdicts.add(ControlVerdict.dropped("seed", "the Gemini API takes no seed (python-genai raises for it)"));
    }
  }

  private static void vertexParameters(
      RenderRequest request, VeoBackend.VertexAi vertex, ObjectNode parameters, List<ControlVerdict> verdicts) {
    long seed = Math.floorMod(request.seed(), MAX_SEED + 1);
    parameters.put("seed", seed);
    Double fps = request.controls().framesPerSecond();
    if (fps != null) {
      long rounded = Math.round(fps);
      parameters.put("fps", rounded);
      verdicts.add(
          rounded == fps
              ? ControlVerdict.honoured("frame_rate", "parameters.fps = " + rounded)
              : ControlVerdict.approximated("frame_rate", "parameters.fps = " + rounded + " (whole frames per second)"));
    }
    parameters.put("generateAudio", true);
    if (vertex.storageUri() != null) {
      parameters.put("storageUri", vertex.storageUri());
    }
    if (request.controls().seedRequested()) {
      verdicts.add(
          seed == request.seed()
              ? ControlVerdict.honoured("seed", "parameters.seed = " + seed)
              : ControlVerdict.approximated("seed", "parameters.seed = " + seed + " (the seed modulo 2^32: Veo takes a uint32)"));
    }
  }

  /** What each reference becomes; decided before the body is written because frames and references exclude each other. */
  private Plan plan(RenderRequest request) {
    ShotControls controls = request.controls();
    Map<String, Use> uses = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    String firstFrameSha = request.firstFrameImage() == null ? null : sha256(request.firstFrameImage());
    List<ShotReference> assets = new ArrayList<>();
    List<ShotReference> frames = new ArrayList<>();
    List<ShotReference> lastFrames = new ArrayList<>();
    List<ShotReference> styles = new ArrayList<>();
    for (ShotReference reference : controls.references()) {
      String mention = reference.mention();
      switch (reference.kind()) {
        case "image" -> {
          if (reference.sha256().equalsIgnoreCase(nonNull(firstFrameSha))) {
            uses.put(mention, Use.REQUEST_FIRST_FRAME);
          } else if (reference.roleMentions(ASSET_WORDS)) {
            assets.add(reference);
          } else if (reference.roleMentions(LAST_FRAME_WORDS)) {
            lastFrames.add(reference);
          } else {
            frames.add(reference);
          }
        }
        case "style_reference" -> styles.add(reference);
        case "negative_reference" -> {
          if (reference.role() != null) {
            uses.put(mention, Use.NEGATIVE_TEXT);
          } else {
            drop(uses, reasons, mention, "Veo takes no negative image and this one has no role text for parameters.negativePrompt");
          }
        }
        case "color_palette" -> {
          String colours = paletteColours(reference);
          if (colours != null) {
            uses.put(mention, Use.PALETTE_TEXT);
            reasons.put(mention, colours);
          } else {
            drop(uses, reasons, mention, "the palette could not be read, and Veo takes no palette");
          }
        }
        case "camera_path" -> {
          if (controls.camera() != null) {
            uses.put(mention, Use.CAMERA_TEXT);
          } else {
            drop(uses, reasons, mention, "no camera move was derived from it, and Veo takes no camera path");
          }
        }
        case "video" -> drop(uses, reasons, mention, "Veo takes a video only to extend it, not as a reference");
        case "audio" -> drop(uses, reasons, mention, "Veo generates its own audio and takes no audio file");
        case "depth_map" -> drop(uses, reasons, mention, "Veo takes no depth map");
        case "skeletal_rig" -> drop(uses, reasons, mention, "Veo takes no rig");
        case "regional_mask" ->
            drop(uses, reasons, mention,
                backend instanceof VeoBackend.GeminiApi
                    ? "the Gemini API takes no mask (python-genai raises for it)"
                    : "Veo's mask edits an input video (inpaint or outpaint) and AIVid sends none");
        default -> drop(uses, reasons, mention, "Veo takes no " + reference.kind());
      }
    }

    boolean referenceRender =
        request.firstFrameImage() == null
            && (!assets.isEmpty() || (!styles.isEmpty() && frames.isEmpty() && lastFrames.isEmpty()));
    if (referenceRender) {
      int slots = MAX_REFERENCE_IMAGES;
      for (ShotReference asset : assets) {
        slots = assign(uses, reasons, asset, Use.ASSET, slots, "");
      }
      for (ShotReference reference : controls.references()) {
        if (frames.contains(reference) || lastFrames.contains(reference)) {
          slots = assign(uses, reasons, reference, Use.DEMOTED_ASSET, slots, ", and no frame alongside them");
        }
      }
      boolean styleSent = false;
      for (ShotReference style : styles) {
        if (!styleSent && assets.isEmpty() && slots > 0) {
          uses.put(style.mention(), Use.STYLE);
          styleSent = true;
        } else {
          styleAsText(uses, reasons, style, styleSent
              ? "Veo takes one style image"
              : "Veo takes asset references or one style reference, not both (Veo 2 documentation)");
        }
      }
    } else {
      boolean hasFirstFrame = request.firstFrameImage() != null;
      for (ShotReference frame : frames) {
        if (!hasFirstFrame) {
          uses.put(frame.mention(), Use.FIRST_FRAME);
          hasFirstFrame = true;
        } else {
          drop(uses, reasons, frame.mention(),
              "Veo takes one first frame and it is already set; without a character or object role an image is used as a frame");
        }
      }
      boolean hasLastFrame = false;
      for (ShotReference last : lastFrames) {
        if (!hasFirstFrame) {
          drop(uses, reasons, last.mention(), "Veo interpolates from a first frame to the last frame, and there is no first frame");
        } else if (hasLastFrame) {
          drop(uses, reasons, last.mention(), "Veo takes one last frame");
        } else {
          uses.put(last.mention(), Use.LAST_FRAME);
          hasLastFrame = true;
        }
      }
      for (ShotReference asset : assets) {
        drop(uses, reasons, asset.mention(), NO_REFERENCES_WITH_FRAMES);
      }
      for (ShotReference style : styles) {
        styleAsText(uses, reasons, style, "Veo takes no style image alongside a first or last frame");
      }
    }
    return new Plan(uses, reasons);
  }

  private static int assign(
      Map<String, Use> uses, Map<String, String> reasons, ShotReference reference, Use use, int slots, String more) {
    if (slots > 0) {
      uses.put(reference.mention(), use);
      return slots - 1;
    }
    drop(uses, reasons, reference.mention(), "Veo 3.1 takes at most " + MAX_REFERENCE_IMAGES + " reference images" + more);
    return 0;
  }

  private static void styleAsText(Map<String, Use> uses, Map<String, String> reasons, ShotReference style, String why) {
    if (style.role() != null) {
      uses.put(style.mention(), Use.STYLE_TEXT);
      reasons.put(style.mention(), why);
    } else {
      drop(uses, reasons, style.mention(), why + ", and it has no role text for the prompt");
    }
  }

  private static void drop(Map<String, Use> uses, Map<String, String> reasons, String mention, String why) {
    uses.put(mention, Use.DROPPED);
    reasons.put(mention, why);
  }

  private static @Nullable String paletteColours(ShotReference reference) {
    try {
      return Palettes.read(reference.bytes()).colours().stream()
          .limit(MAX_PALETTE_COLOURS)
          .map(Colour::hex)
          .collect(Collectors.joining(", "));
    } catch (MediaException | IllegalArgumentException unreadable) {
      return null;
    }
  }

  private static ObjectNode reference(ShotReference reference, String type) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set("image", image(reference.bytes(), reference.mediaType()));
    node.put("referenceType", type);
    return node;
  }

  private static ObjectNode image(byte[] bytes, @Nullable String declaredType) {
    VeoImages.Encoded encoded = VeoImages.encode(bytes, declaredType);
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("bytesBase64Encoded", encoded.base64());
    node.put("mimeType", encoded.mimeType());
    return node;
  }

  private static String prompt(String prompt, List<String> lines) {
    StringBuilder text = new StringBuilder(prompt.strip());
    for (String line : lines) {
      text.append('\n').append(line);
    }
    return text.toString();
  }

  /** Veo renders 16:9 or 9:16 only; the catalog's sizes are exactly those. */
  static String aspectRatio(RenderRequest request) {
    return request.width() >= request.height() ? "16:9" : "9:16";
  }

  static String resolution(RenderRequest request) {
    return Math.min(request.width(), request.height()) >= 1080 ? "1080p" : "720p";
  }

  /** 4, 6 or 8 (providers.md §4.4); the catalog allows only these, so snapping is a safety net. */
  static int durationSeconds(int seconds) {
    return seconds <= 4 ? 4 : seconds <= 6 ? 6 : 8;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String nonNull(@Nullable String text) {
    return text == null ? "" : text;
  }

  private enum Use {
    REQUEST_FIRST_FRAME,
    FIRST_FRAME,
    LAST_FRAME,
    ASSET,
    DEMOTED_ASSET,
    STYLE,
    STYLE_TEXT,
    NEGATIVE_TEXT,
    PALETTE_TEXT,
    CAMERA_TEXT,
    DROPPED
  }

  private record Plan(Map<String, Use> uses, Map<String, String> reasons) {}
}
