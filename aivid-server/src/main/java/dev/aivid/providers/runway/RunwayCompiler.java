package dev.aivid.providers.runway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.media.MediaException;
import dev.aivid.media.image.ImageFormat;
import dev.aivid.media.image.Images;
import dev.aivid.media.palette.Colour;
import dev.aivid.media.palette.Palettes;
import dev.aivid.providers.CameraIntent;
import dev.aivid.providers.CompiledRequest;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a shot into a Runway Gen-4.5 create call (research/providers.md §5.2): {@code
 * image_to_video} when there is a first frame, else {@code text_to_video}; camera, palette and
 * negative controls folded into {@code promptText}; everything Gen-4.5 cannot take dropped with its
 * reason. Pure: no I/O, the same request always gives the same body.
 */
public final class RunwayCompiler {
  public static final String MODEL = "gen4.5";
  public static final int MIN_SECONDS = 2;
  public static final int MAX_SECONDS = 10;
  public static final long MAX_SEED = 4_294_967_295L;

  /**
   * Runway's "5 MB" for a data URI, read conservatively as 5,000,000 characters of the whole URI
   * (the SDK does not say whether MB means 10^6 or 2^20, nor whether the prefix counts).
   */
  public static final long MAX_DATA_URI_CHARACTERS = 5_000_000;

  static final List<String> IMAGE_TO_VIDEO_RATIOS =
      List.of("1280:720", "720:1280", "1104:832", "960:960", "832:1104", "1584:672");
  static final List<String> TEXT_TO_VIDEO_RATIOS = List.of("1280:720", "720:1280");

  private static final Set<String> IMAGE_MEDIA_TYPES =
      Set.of("image/png", "image/jpeg", "image/webp");
  private static final int MAX_PALETTE_COLOURS = 6;
  private static final String ONE_IMAGE =
      "gen4.5 takes one image, as the first frame (promptImage position first)";

  private final ObjectMapper json;

  public RunwayCompiler(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The create call for the request.
   *
   * @throws RunwayRequestRejected when no valid Runway call exists for it (size, duration, model,
   *     empty prompt); the message names the value
   */
  public CompiledRequest compile(RenderRequest request) {
    Plan plan = plan(request);
    if (!request.providerModel().equals(MODEL)) {
      throw new RunwayRequestRejected(
          "This adapter speaks Runway " + MODEL + " only, not '" + request.providerModel() + "'");
    }
    if (request.seconds() < MIN_SECONDS || request.seconds() > MAX_SECONDS) {
      throw new RunwayRequestRejected(
          "Runway "
              + MODEL
              + " renders "
              + MIN_SECONDS
              + " to "
              + MAX_SECONDS
              + " s, not "
              + request.seconds()
              + " s");
    }
    if (plan.promptText().isEmpty()) {
      throw new RunwayRequestRejected(
          "Runway " + MODEL + " requires promptText, and the prompt is empty");
    }
    String ratio = request.width() + ":" + request.height();
    String size = request.width() + "x" + request.height();
    boolean imageToVideo = plan.promptImage() != null;
    if (imageToVideo && !IMAGE_TO_VIDEO_RATIOS.contains(ratio)) {
      throw new RunwayRequestRejected(
          "Runway "
              + MODEL
              + " image_to_video takes the sizes "
              + sizes(IMAGE_TO_VIDEO_RATIOS)
              + ", not "
              + size);
    }
    if (!imageToVideo && !TEXT_TO_VIDEO_RATIOS.contains(ratio)) {
      throw new RunwayRequestRejected(
          "Runway "
              + MODEL
              + " text_to_video takes only the sizes "
              + sizes(TEXT_TO_VIDEO_RATIOS)
              + ", not "
              + size
              + (IMAGE_TO_VIDEO_RATIOS.contains(ratio)
                  ? "; " + size + " needs a first frame (image_to_video)"
                  : ""));
    }
    ObjectNode body = json.createObjectNode();
    body.put("model", MODEL);
    body.put("promptText", plan.promptText());
    if (plan.promptImage() != null) {
      body.putArray("promptImage")
          .addObject()
          .put("uri", plan.promptImage())
          .put("position", "first");
    }
    body.put("ratio", ratio);
    body.put("duration", request.seconds());
    if (request.controls().seedRequested()) {
      body.put("seed", wireSeed(request.seed()));
    }
    String endpoint = imageToVideo ? RunwayHandle.IMAGE_TO_VIDEO : RunwayHandle.TEXT_TO_VIDEO;
    return new CompiledRequest("/v1/" + endpoint, body, plan.verdicts());
  }

  /**
   * The verdicts alone; never throws, so preflight can show them even for a request compile
   * rejects.
   */
  public List<ControlVerdict> verdicts(RenderRequest request) {
    return plan(request).verdicts();
  }

  private record Plan(
      String promptText, @Nullable String promptImage, List<ControlVerdict> verdicts) {}

  /**
   * @param present the shot has a first frame (sent or not)
   * @param reference the image reference that is the first frame, if one is
   * @param problem why the first frame is not sent, when it is not
   */
  private record FirstFrame(
      boolean present,
      @Nullable String dataUri,
      @Nullable ShotReference reference,
      @Nullable String problem) {
    static final FirstFrame NONE = new FirstFrame(false, null, null, null);
  }

  private Plan plan(RenderRequest request) {
    ShotControls controls = request.controls();
    FirstFrame first = firstFrame(request);
    List<ControlVerdict> verdicts = new ArrayList<>();
    if (first.reference() == null && first.problem() != null) {
      verdicts.add(ControlVerdict.dropped("first_frame", first.problem()));
    }
    List<String> paletteSentences = new ArrayList<>();
    List<String> avoid = new ArrayList<>();
    String negativePrompt =
        controls.negativePrompt() == null
            ? null
            : RunwayPromptText.withoutEndPunctuation(controls.negativePrompt().strip());
    if (negativePrompt != null && !negativePrompt.isEmpty()) {
      avoid.add(negativePrompt);
    }
    CameraIntent camera = controls.camera();
    for (ShotReference reference : controls.references()) {
      String mention = reference.mention();
      String role = reference.role();
      switch (reference.kind()) {
        case "image" -> verdicts.add(imageVerdict(reference, first));
        case "video" ->
            verdicts.add(
                ControlVerdict.dropped(mention, "gen4.5 image_to_video takes no reference video"));
        case "audio" -> verdicts.add(ControlVerdict.dropped(mention, "gen4.5 takes no audio"));
        case "depth_map" ->
            verdicts.add(ControlVerdict.dropped(mention, "Runway's API takes no depth map"));
        case "skeletal_rig" ->
            verdicts.add(ControlVerdict.dropped(mention, "Runway's API takes no rig"));
        case "regional_mask" ->
            verdicts.add(ControlVerdict.dropped(mention, "Runway's API takes no mask"));
        case "style_reference" ->
            verdicts.add(
                role == null
                    ? ControlVerdict.dropped(
                        mention,
                        "gen4.5 takes no style image, and "
                            + mention
                            + " has no role text in the prompt to carry it")
                    : ControlVerdict.approximated(
                        mention,
                        "its role text ('"
                            + role
                            + "') stays in promptText; the image is not sent (gen4.5 takes no style"
                            + " image)"));
        case "negative_reference" -> {
          if (role != null
              && (negativePrompt == null
                  || !negativePrompt.toLowerCase(Locale.ROOT).contains(role))) {
            avoid.add(
                RunwayPromptText.withoutEndPunctuation(
                    role.replaceFirst("^(to )?avoid(ing)?\\s+", "")));
          }
          verdicts.add(
              role == null && avoid.isEmpty()
                  ? ControlVerdict.dropped(
                      mention,
                      "gen4.5 has no negative prompt or negative image, and "
                          + mention
                          + " has no text to avoid")
                  : ControlVerdict.approximated(
                      mention,
                      (role == null ? "the negative prompt" : "its role text ('" + role + "')")
                          + " is folded into promptText as 'Avoid: …' (gen4.5 has no negative"
                          + " prompt); the image is not sent"));
        }
        case "color_palette" -> {
          List<String> colours = paletteColours(reference);
          if (colours.isEmpty()) {
            verdicts.add(
                ControlVerdict.dropped(
                    mention, "its colours could not be read, so nothing of it reaches Runway"));
          } else {
            paletteSentences.add(
                RunwayPromptText.sentence("Colour palette", String.join(", ", colours)));
            verdicts.add(
                ControlVerdict.approximated(
                    mention,
                    "its colours "
                        + String.join(", ", colours)
                        + " are written into promptText; the file is not sent"));
          }
        }
        case "camera_path" ->
            verdicts.add(
                camera == null
                    ? ControlVerdict.dropped(
                        mention,
                        "the path was not reduced to a camera move, and gen4.5 has no camera"
                            + " control")
                    : ControlVerdict.approximated(
                        mention,
                        "its dominant move is written into promptText as '"
                            + camera.phrase()
                            + "'"));
        default ->
            verdicts.add(
                ControlVerdict.dropped(
                    mention, "Runway gen4.5 has no input for a " + reference.kind()));
      }
    }
    List<String> sentences = new ArrayList<>();
    if (camera != null) {
      sentences.add(RunwayPromptText.sentence("Camera", camera.phrase()));
      verdicts.add(
          ControlVerdict.approximated(
              "camera_path",
              "written into promptText as camera language ('"
                  + camera.phrase()
                  + "'); gen4.5 has no camera control"));
    }
    sentences.addAll(paletteSentences);
    if (!avoid.isEmpty()) {
      sentences.add(RunwayPromptText.sentence("Avoid", String.join(", ", avoid)));
    }
    if (controls.negativePrompt() != null) {
      verdicts.add(
          negativePrompt == null || negativePrompt.isEmpty()
              ? ControlVerdict.dropped("negative_prompt", "the negative prompt is empty")
              : ControlVerdict.approximated(
                  "negative_prompt",
                  "folded into promptText as 'Avoid: …' (gen4.5 has no negative prompt)"));
    }
    if (controls.framesPerSecond() != null) {
      verdicts.add(
          ControlVerdict.approximated(
              "frame_rate",
              "Runway chooses its own frame rate; the clip is retimed to "
                  + decimal(controls.framesPerSecond())
                  + " fps after rendering"));
    }
    if (controls.seedRequested()) {
      long seed = request.seed();
      verdicts.add(
          seed == wireSeed(seed)
              ? ControlVerdict.honoured("seed", "seed " + seed)
              : ControlVerdict.approximated(
                  "seed",
                  "seed "
                      + seed
                      + " is outside Runway's 0.."
                      + MAX_SEED
                      + "; sent as "
                      + wireSeed(seed)));
    }
    RunwayPromptText.Composed text = RunwayPromptText.compose(request.prompt(), sentences);
    if (text.cut()) {
      verdicts.add(
          ControlVerdict.approximated(
              "prompt",
              "promptText cut from "
                  + text.fullLength()
                  + " to "
                  + text.text().length()
                  + " UTF-16 code units at a word boundary (gen4.5 takes at most "
                  + RunwayPromptText.MAX_UTF16_UNITS
                  + ")"));
    }
    return new Plan(text.text(), first.dataUri(), verdicts);
  }

  /**
   * The request's first frame if it has one, else the first image reference whose role asks for the
   * first frame (or, failing that, the first image reference with no role at all: the stack's
   * convention is that its first image opens the shot).
   */
  private static FirstFrame firstFrame(RenderRequest request) {
    List<ShotReference> images = request.controls().referencesOfKind("image");
    byte[] bytes = request.firstFrameImage();
    if (bytes != null) {
      String sha256 = sha256(bytes);
      ShotReference same =
          images.stream()
              .filter(image -> image.sha256().equalsIgnoreCase(sha256))
              .findFirst()
              .orElse(null);
      Optional<ImageFormat> format = Images.sniff(bytes);
      if (format.isEmpty()) {
        return new FirstFrame(
            true,
            null,
            same,
            "the first frame is not a PNG, JPEG or WebP image, which Runway requires");
      }
      long length = dataUriLength(format.get().mimeType(), bytes.length);
      if (length > MAX_DATA_URI_CHARACTERS) {
        return new FirstFrame(true, null, same, tooLarge(length));
      }
      String uri =
          "data:"
              + format.get().mimeType()
              + ";base64,"
              + Base64.getEncoder().encodeToString(bytes);
      return new FirstFrame(true, uri, same, null);
    }
    ShotReference chosen =
        images.stream()
            .filter(image -> image.roleMentions("first frame", "start", "opening"))
            .findFirst()
            .or(() -> images.stream().filter(image -> image.role() == null).findFirst())
            .orElse(null);
    if (chosen == null) {
      return FirstFrame.NONE;
    }
    if (!IMAGE_MEDIA_TYPES.contains(chosen.mediaType())) {
      return new FirstFrame(
          true,
          null,
          chosen,
          "a " + chosen.mediaType() + " first frame; Runway takes PNG, JPEG or WebP");
    }
    long length = dataUriLength(chosen.mediaType(), chosen.sizeBytes());
    if (length > MAX_DATA_URI_CHARACTERS) {
      return new FirstFrame(true, null, chosen, tooLarge(length));
    }
    return new FirstFrame(true, chosen.dataUri(), chosen, null);
  }

  private static ControlVerdict imageVerdict(ShotReference reference, FirstFrame first) {
    if (reference == first.reference()) {
      return first.problem() != null
          ? ControlVerdict.dropped(reference.mention(), first.problem())
          : ControlVerdict.honoured(
              reference.mention(), "promptImage (position first): the first frame");
    }
    if (first.present()) {
      String firstName =
          first.reference() != null ? first.reference().mention() : "the request's first frame";
      return ControlVerdict.dropped(
          reference.mention(),
          ONE_IMAGE
              + ", and "
              + firstName
              + " is that frame; "
              + reference.mention()
              + " is not sent");
    }
    return ControlVerdict.dropped(
        reference.mention(),
        ONE_IMAGE
            + ", and the role '"
            + reference.role()
            + "' does not ask for the first frame; the image is not sent");
  }

  private static List<String> paletteColours(ShotReference reference) {
    try {
      return Palettes.read(reference.bytes()).colours().stream()
          .limit(MAX_PALETTE_COLOURS)
          .map(Colour::hex)
          .collect(Collectors.toList());
    } catch (MediaException | IllegalArgumentException e) {
      return List.of();
    }
  }

  /** Runway's seed is an unsigned 32-bit integer; other values are folded into that range. */
  static long wireSeed(long seed) {
    return Math.floorMod(seed, MAX_SEED + 1);
  }

  private static long dataUriLength(String mediaType, long sizeBytes) {
    return "data:".length() + mediaType.length() + ";base64,".length() + 4 * ((sizeBytes + 2) / 3);
  }

  private static String tooLarge(long length) {
    return "the first frame as a data URI is "
        + length
        + " characters, over Runway's 5 MB inline limit; it is not sent (a smaller PNG/JPEG would"
        + " be)";
  }

  private static String sizes(List<String> ratios) {
    return ratios.stream().map(ratio -> ratio.replace(':', 'x')).collect(Collectors.joining(", "));
  }

  private static String decimal(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
