package dev.aivid.providers.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.media.MediaException;
import dev.aivid.media.image.ImageInfo;
import dev.aivid.media.image.Images;
import dev.aivid.media.palette.Colour;
import dev.aivid.media.palette.Palettes;
import dev.aivid.providers.CameraIntent;
import dev.aivid.providers.CompiledRequest;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a shot into an OpenAI Videos API create ({@code POST /videos}, JSON), providers.md §1.2.
 *
 * <p>The prompt gets Sora's spatio-temporal header (research/model-wars-article.txt: "separate
 * movement instructions from environmental descriptors in your prompt header"): a {@code Camera:}
 * line from the camera path, {@code Movement:} and {@code Environment:} lines from the prompt's own
 * clauses ({@link PromptClauses}), then a blank line and the prompt exactly as written. Style role
 * text, palette colours and what to avoid follow as extra lines, since the API has no field for
 * them. The one image the API takes ({@code input_reference}) is the first frame, and only when it
 * has the requested size, as the API requires.
 */
public final class OpenAiCompiler {
  static final String PATH = "/videos";
  static final String FIRST_FRAME = "first_frame";
  private static final int MAX_PALETTE_COLOURS = 8;
  private static final String STATIC_CAMERA = "locked-off static camera";

  /** Why each kind the API cannot take is dropped; the same words as the catalog entry. */
  private static final Map<String, String> DROPPED_KINDS =
      Map.of(
          "video",
              "the Videos API takes no reference video (remix only works on Sora's own videos)",
          "audio", "the Videos API takes no audio",
          "depth_map", "the Videos API takes no depth map",
          "skeletal_rig",
              "not supported (research/model-wars-article.txt: Skeletal Rigging, Sora 2 = Not"
                  + " Supported)",
          "regional_mask", "the Videos API takes no mask",
          "frame_rate", "the Videos API has no fps parameter",
          "seed", "the Videos API has no seed parameter");

  private final ObjectMapper json;

  public OpenAiCompiler(ObjectMapper json) {
    this.json = json;
  }

  public CompiledRequest compile(RenderRequest request) {
    ShotControls controls = request.controls();
    List<ControlVerdict> verdicts = new ArrayList<>();
    ObjectNode body = json.createObjectNode();
    body.put("model", request.providerModel());
    FirstFrame firstFrame = firstFrame(request, verdicts);

    List<String> styles = new ArrayList<>();
    Set<String> colours = new LinkedHashSet<>();
    List<String> paletteRoles = new ArrayList<>();
    Set<String> avoid = new LinkedHashSet<>();
    if (controls.negativePrompt() != null && !controls.negativePrompt().isBlank()) {
      avoid.add(withoutTrailingPunctuation(controls.negativePrompt()));
    }
    for (ShotReference reference : controls.references()) {
      if (reference.kind().equals("image")) {
        continue; // judged by firstFrame above
      }
      verdicts.add(
          switch (reference.kind()) {
            case "style_reference" -> style(reference, styles);
            case "color_palette" -> palette(reference, colours, paletteRoles);
            case "negative_reference" -> negative(reference, avoid);
            case "camera_path" ->
                ControlVerdict.approximated(
                    reference.mention(),
                    controls.camera() == null
                        ? "only its @mention stays in the prompt: no camera move was derived from"
                              + " it"
                        : "its dominant move is written into the spatio-temporal header as 'Camera:"
                              + " "
                            + controls.camera().phrase()
                            + "'");
            default ->
                ControlVerdict.dropped(
                    reference.mention(),
                    DROPPED_KINDS.getOrDefault(
                        reference.kind(), "the Videos API has no field for " + reference.kind()));
          });
    }
    if (controls.camera() != null) {
      verdicts.add(
          ControlVerdict.approximated(
              "camera_path",
              "written into the spatio-temporal header as 'Camera: "
                  + controls.camera().phrase()
                  + "' (the Videos API has no camera field)"));
    }
    if (controls.negativePrompt() != null) {
      verdicts.add(
          ControlVerdict.approximated(
              "negative_prompt",
              "folded into the prompt as 'Avoid: …' (the Videos API has no negative prompt"
                  + " field)"));
    }
    if (controls.framesPerSecond() != null) {
      verdicts.add(ControlVerdict.dropped("frame_rate", DROPPED_KINDS.get("frame_rate")));
    }
    if (controls.seedRequested()) {
      verdicts.add(ControlVerdict.dropped("seed", DROPPED_KINDS.get("seed")));
    }

    body.put("prompt", prompt(request, styles, colours, paletteRoles, avoid));
    body.put("seconds", Integer.toString(request.seconds()));
    body.put("size", request.width() + "x" + request.height());
    if (firstFrame != null) {
      body.putObject("input_reference").put("image_url", firstFrame.dataUri());
    }
    return new CompiledRequest(PATH, body, verdicts);
  }

  private record FirstFrame(String dataUri) {}

  /**
   * The request's first frame, else its first image reference, becomes {@code input_reference}; a
   * second image has nowhere to go. The API refuses an image whose size differs from {@code size}
   * (providers.md §1.2), so such an image is dropped here instead of failing the render.
   */
  private static @Nullable FirstFrame firstFrame(
      RenderRequest request, List<ControlVerdict> verdicts) {
    List<ShotReference> images = request.controls().referencesOfKind("image");
    byte[] bytes = request.firstFrameImage();
    String control;
    if (bytes != null) {
      String sha256 = sha256(bytes);
      control =
          images.stream()
              .filter(image -> image.sha256().equalsIgnoreCase(sha256))
              .map(ShotReference::mention)
              .findFirst()
              .orElse(FIRST_FRAME);
    } else if (!images.isEmpty()) {
      control = images.getFirst().mention();
      bytes = images.getFirst().bytes();
    } else {
      return null;
    }
    FirstFrame accepted = null;
    ControlVerdict verdict;
    ImageInfo info;
    try {
      info = Images.probe(bytes);
    } catch (MediaException e) {
      info = null;
    }
    if (info == null) {
      verdict =
          ControlVerdict.dropped(
              control, "not a PNG, JPEG or WebP image, which input_reference needs");
    } else if (info.width() != request.width() || info.height() != request.height()) {
      verdict =
          ControlVerdict.dropped(
              control,
              "the image is "
                  + info.width()
                  + "x"
                  + info.height()
                  + " but the video is "
                  + request.width()
                  + "x"
                  + request.height()
                  + "; the Videos API needs input_reference to match size exactly, so it is not"
                  + " sent rather than failing the render");
    } else {
      accepted =
          new FirstFrame(
              "data:"
                  + info.format().mimeType()
                  + ";base64,"
                  + Base64.getEncoder().encodeToString(bytes));
      verdict =
          ControlVerdict.honoured(
              control, "sent as input_reference.image_url (data URI): the first frame");
    }
    verdicts.add(verdict);
    for (ShotReference image : images) {
      if (!image.mention().equals(control)) {
        verdicts.add(
            ControlVerdict.dropped(
                image.mention(),
                "the Videos API takes one input_reference (the first frame), "
                    + (control.equals(FIRST_FRAME)
                        ? "already the request's first frame"
                        : "already " + control)));
      }
    }
    return accepted;
  }

  private static ControlVerdict style(ShotReference reference, List<String> styles) {
    if (reference.role() == null) {
      return ControlVerdict.approximated(
          reference.mention(),
          "only its @mention stays in the prompt; the image is not sent (one input_reference"
              + " only)");
    }
    styles.add(withoutTrailingPunctuation(reference.role()));
    return ControlVerdict.approximated(
        reference.mention(),
        "its role text is written as 'Style: "
            + reference.role()
            + "'; the image is not sent (one input_reference only)");
  }

  private static ControlVerdict palette(
      ShotReference reference, Set<String> colours, List<String> paletteRoles) {
    List<Colour> read;
    try {
      read = Palettes.read(reference.bytes()).colours();
    } catch (MediaException | IllegalArgumentException e) {
      return ControlVerdict.dropped(
          reference.mention(), "the palette could not be read: " + e.getMessage());
    }
    List<String> hex = read.stream().map(colour -> colour.hex().toUpperCase(Locale.ROOT)).toList();
    hex.stream().limit(MAX_PALETTE_COLOURS).forEach(colours::add);
    if (reference.role() != null) {
      paletteRoles.add(withoutTrailingPunctuation(reference.role()));
    }
    return ControlVerdict.approximated(
        reference.mention(),
        "its colours are written into the prompt as 'Palette: …'"
            + (hex.size() > MAX_PALETTE_COLOURS
                ? " (the first " + MAX_PALETTE_COLOURS + " of " + hex.size() + ")"
                : ""));
  }

  private static ControlVerdict negative(ShotReference reference, Set<String> avoid) {
    String role = reference.role();
    if (role != null
        && avoid.stream().noneMatch(text -> text.toLowerCase(Locale.ROOT).contains(role))) {
      avoid.add(withoutTrailingPunctuation(role));
    }
    return ControlVerdict.approximated(
        reference.mention(),
        role == null
            ? "only its @mention stays in the prompt; the image is not sent (no negative image"
                  + " input)"
            : "its role text is folded into the prompt as 'Avoid: …'; the image is not sent");
  }

  private static String prompt(
      RenderRequest request,
      List<String> styles,
      Set<String> colours,
      List<String> paletteRoles,
      Set<String> avoid) {
    CameraIntent camera = request.controls().camera();
    PromptClauses.Split split = PromptClauses.split(request.prompt());
    StringBuilder prompt = new StringBuilder();
    line(prompt, "Camera", camera == null ? STATIC_CAMERA : camera.phrase());
    line(prompt, "Movement", String.join("; ", split.movement()));
    line(prompt, "Environment", String.join("; ", split.environment()));
    prompt.append('\n').append(request.prompt().strip());
    StringBuilder extra = new StringBuilder();
    line(extra, "Style", String.join("; ", styles));
    if (!colours.isEmpty()) {
      String roles = paletteRoles.isEmpty() ? "" : " (" + String.join("; ", paletteRoles) + ")";
      line(extra, "Palette", String.join(", ", colours) + roles);
    }
    line(extra, "Avoid", String.join("; ", avoid));
    if (!extra.isEmpty()) {
      prompt.append('\n').append(extra, 0, extra.length() - 1);
    }
    return prompt.toString();
  }

  /** {@code Label: text.} and a line break; nothing for empty text. */
  private static void line(StringBuilder out, String label, String text) {
    if (!text.isBlank()) {
      out.append(label).append(": ").append(text).append(".\n");
    }
  }

  private static String withoutTrailingPunctuation(String text) {
    String stripped = text.strip();
    while (!stripped.isEmpty() && ".,;:!?".indexOf(stripped.charAt(stripped.length() - 1)) >= 0) {
      stripped = stripped.substring(0, stripped.length() - 1).strip();
    }
    return stripped;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
