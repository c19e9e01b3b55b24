package dev.aivid.providers.kling;

import dev.aivid.media.MediaException;
import dev.aivid.media.palette.Colour;
import dev.aivid.media.palette.Palette;
import dev.aivid.media.palette.Palettes;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The shot's references sorted into the slots Kling has: one first frame, one last frame, reference
 * images, one mask, palettes as prompt text. Kinds Kling cannot take get their dropped verdict
 * here; the endpoint decides the rest.
 */
final class KlingInputs {
  private static final String[] FIRST_FRAME_ROLES = {
    "first frame", "first-frame", "start frame", "starting frame", "opening frame"
  };
  private static final String[] LAST_FRAME_ROLES = {
    "last frame", "last-frame", "end frame", "ending frame", "final frame", "closing frame"
  };

  /** The image that opens the video: the request's own first frame or a reference's bytes. */
  record Frame(KlingImages.Encoded image, @Nullable ShotReference reference) {
    void honour(KlingVerdicts verdicts, String how) {
      if (reference != null) {
        verdicts.reference(
            reference, ControlVerdict.honoured(reference.mention(), how + image.note()));
      }
    }
  }

  private final Map<ShotReference, KlingImages.Encoded> encoded = new IdentityHashMap<>();
  private final List<ShotReference> readableInStackOrder = new ArrayList<>();
  private final List<ShotReference> referenceImages = new ArrayList<>();
  private final List<String> paletteSentences = new ArrayList<>();
  private @Nullable Frame firstFrame;
  private @Nullable ShotReference lastFrame;
  private @Nullable ShotReference mask;

  private KlingInputs() {}

  static KlingInputs sort(RenderRequest request, KlingVerdicts verdicts) {
    KlingInputs inputs = new KlingInputs();
    List<ShotReference> firstFrames = new ArrayList<>();
    List<ShotReference> lastFrames = new ArrayList<>();
    List<ShotReference> masks = new ArrayList<>();
    boolean hasNegativePrompt =
        request.controls().negativePrompt() != null
            && !request.controls().negativePrompt().isBlank();
    for (ShotReference reference : request.controls().references()) {
      switch (reference.kind()) {
        case "image" -> {
          if (!inputs.readable(reference, verdicts)) {
            continue;
          }
          if (reference.roleMentions(FIRST_FRAME_ROLES)) {
            firstFrames.add(reference);
          } else if (reference.roleMentions(LAST_FRAME_ROLES)) {
            lastFrames.add(reference);
          } else {
            inputs.referenceImages.add(reference);
          }
        }
        case "style_reference" -> {
          if (inputs.readable(reference, verdicts)) {
            inputs.referenceImages.add(reference);
          }
        }
        case "regional_mask" -> {
          if (inputs.readable(reference, verdicts)) {
            masks.add(reference);
          }
        }
        case "color_palette" -> inputs.palette(reference, verdicts);
        case "negative_reference" ->
            verdicts.reference(
                reference,
                reference.role() != null && hasNegativePrompt
                    ? ControlVerdict.approximated(
                        reference.mention(),
                        "its role text is part of the negative prompt; the image is not sent")
                    : ControlVerdict.dropped(
                        reference.mention(),
                        "no role text to avoid, and Kling takes no negative image"));
        case "camera_path" ->
            verdicts.reference(
                reference,
                request.controls().camera() != null
                    ? ControlVerdict.approximated(
                        reference.mention(), "reduced to its dominant move: see camera_path")
                    : ControlVerdict.dropped(
                        reference.mention(), "no camera move was derived from it"));
        default ->
            verdicts.reference(
                reference,
                ControlVerdict.dropped(reference.mention(), whyDropped(reference.kind())));
      }
    }
    inputs.placeFirstFrame(request, firstFrames, verdicts);
    inputs.lastFrame = first(lastFrames, "Kling takes one last frame", verdicts);
    inputs.mask = first(masks, "Kling takes one static_mask", verdicts);
    return inputs;
  }

  private static String whyDropped(String kind) {
    return switch (kind) {
      case "video" ->
          "Kling takes reference videos by URL only (motion-control video_url), and AIVid sends"
              + " inline content";
      case "audio" -> "Kling generates its own sound and takes no audio file";
      case "depth_map" -> "Kling's API takes no depth map";
      case "skeletal_rig" -> "Kling's API takes no skeletal rig";
      default -> "Kling's API takes no " + kind;
    };
  }

  private void placeFirstFrame(
      RenderRequest request, List<ShotReference> candidates, KlingVerdicts verdicts) {
    byte[] image = request.firstFrameImage();
    if (image != null) {
      try {
        firstFrame = new Frame(KlingImages.encode(image), null);
        for (ShotReference candidate : candidates) {
          verdicts.reference(
              candidate,
              ControlVerdict.dropped(
                  candidate.mention(),
                  "the request's first frame takes Kling's one first-frame slot"));
        }
        return;
      } catch (MediaException e) {
        verdicts.control(
            ControlVerdict.dropped("first_frame", "unreadable image: " + KlingCompiler.reason(e)));
      }
    }
    ShotReference reference = first(candidates, "Kling takes one first frame", verdicts);
    if (reference != null) {
      firstFrame = new Frame(encoded(reference), reference);
    }
  }

  private static @Nullable ShotReference first(
      List<ShotReference> candidates, String why, KlingVerdicts verdicts) {
    for (ShotReference extra :
        candidates.subList(Math.min(1, candidates.size()), candidates.size())) {
      verdicts.reference(extra, ControlVerdict.dropped(extra.mention(), why));
    }
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  private boolean readable(ShotReference reference, KlingVerdicts verdicts) {
    try {
      encoded.put(reference, KlingImages.encode(reference));
      readableInStackOrder.add(reference);
      return true;
    } catch (MediaException e) {
      verdicts.reference(
          reference,
          ControlVerdict.dropped(
              reference.mention(), "unreadable image: " + KlingCompiler.reason(e)));
      return false;
    }
  }

  private void palette(ShotReference reference, KlingVerdicts verdicts) {
    Palette palette;
    try {
      palette = Palettes.read(reference.bytes());
    } catch (MediaException e) {
      verdicts.reference(
          reference,
          ControlVerdict.dropped(
              reference.mention(), "unreadable palette: " + KlingCompiler.reason(e)));
      return;
    }
    List<Colour> colours = palette.colours();
    List<Colour> kept =
        colours.subList(0, Math.min(KlingCompiler.MAX_PALETTE_COLOURS, colours.size()));
    paletteSentences.add(
        "Colour palette: " + kept.stream().map(Colour::hex).collect(Collectors.joining(", ")));
    String cut =
        kept.size() < colours.size()
            ? " (the first " + kept.size() + " of " + colours.size() + ")"
            : "";
    verdicts.reference(
        reference,
        ControlVerdict.approximated(
            reference.mention(), "its hex colours are written into the prompt" + cut));
  }

  KlingImages.Encoded encoded(ShotReference reference) {
    KlingImages.Encoded image = encoded.get(reference);
    if (image == null) {
      throw new IllegalStateException(reference.mention() + " was not encoded");
    }
    return image;
  }

  @Nullable Frame firstFrame() {
    return firstFrame;
  }

  @Nullable ShotReference lastFrame() {
    return lastFrame;
  }

  @Nullable ShotReference mask() {
    return mask;
  }

  List<ShotReference> referenceImages() {
    return referenceImages;
  }

  /** Reference images and a last frame that has no first frame to pair with, in stack order. */
  List<ShotReference> referenceImagesWith(@Nullable ShotReference last) {
    List<ShotReference> all = new ArrayList<>();
    for (ShotReference reference : readableInStackOrder) {
      if (reference == last || referenceImages.stream().anyMatch(image -> image == reference)) {
        all.add(reference);
      }
    }
    return all;
  }

  List<String> paletteSentences() {
    return paletteSentences;
  }
}
