package dev.aivid.providers.seedance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotReference;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Decides which stack files go into {@code content[]}, with which role, and what is said about
 * them in the text. Seedance takes either first/last frames or references, never both in one
 * request; when a stack has references, every image goes as a reference and frame intents are
 * written into the text instead.
 */
final class SeedanceContentPlan {
  static final int MAX_IMAGES = 9;
  static final int MAX_VIDEOS = 3;
  static final int MAX_AUDIO = 3;
  static final String FIRST_FRAME_CONTROL = "first_frame";
  private static final String[] FIRST_FRAME_WORDS = {
    "first frame", "first-frame", "opening frame", "start frame", "starting frame"
  };
  private static final String[] LAST_FRAME_WORDS = {
    "last frame", "last-frame", "end frame", "final frame", "ending frame", "closing frame"
  };
  /** Reference audio formats Seedance 2.0 is documented to take (MP3, WAV). */
  static final Set<String> AUDIO_TYPES = Set.of("audio/mpeg", "audio/mp3", "audio/wav", "audio/x-wav", "audio/wave");

  private enum Medium {
    IMAGE("image_url", "Image"),
    VIDEO("video_url", "Video"),
    AUDIO("audio_url", "Audio");

    final String type;
    final String label;

    Medium(String type, String label) {
      this.type = type;
      this.label = label;
    }
  }

  private enum Intent {
    FIRST_FRAME,
    LAST_FRAME,
    REFERENCE,
    STYLE,
    PALETTE
  }

  /** One file that may be sent. */
  private static final class Slot {
    final @Nullable ShotReference reference;
    final String control;
    final Medium medium;
    final Intent intent;
    final String url;
    boolean kept = true;
    String role = "";
    int number;

    Slot(@Nullable ShotReference reference, String control, Medium medium, Intent intent, String url) {
      this.reference = reference;
      this.control = control;
      this.medium = medium;
      this.intent = intent;
      this.url = url;
    }

    String label() {
      return "[" + medium.label + " " + number + "]";
    }

    boolean isFrame() {
      return intent == Intent.FIRST_FRAME || intent == Intent.LAST_FRAME;
    }
  }

  private final List<ObjectNode> items = new ArrayList<>();
  private final List<String> legend = new ArrayList<>();
  private final List<String> avoid = new ArrayList<>();
  /** Keyed by control in stack order; a null value is a slot whose verdict is not decided yet. */
  private final Map<String, @Nullable ControlVerdict> verdicts = new LinkedHashMap<>();

  private SeedanceContentPlan() {}

  /** The media items of {@code content[]}, in order (the text item is not among them). */
  List<ObjectNode> items() {
    return items;
  }

  /** Sentences that tie the prompt's @mentions to Seedance's [Image n] labels and say their roles. */
  List<String> legend() {
    return legend;
  }

  /** What negative references ask to avoid (their role text). */
  List<String> avoid() {
    return avoid;
  }

  /** One verdict per stack reference (and the request's first frame), in stack order. */
  List<ControlVerdict> verdicts() {
    return verdicts.values().stream().filter(Objects::nonNull).toList();
  }

  static SeedanceContentPlan of(RenderRequest request) {
    SeedanceContentPlan plan = new SeedanceContentPlan();
    plan.build(request);
    return plan;
  }

  private void build(RenderRequest request) {
    List<Slot> slots = new ArrayList<>();
    byte[] firstFrame = request.firstFrameImage();
    if (firstFrame != null) {
      verdicts.put(FIRST_FRAME_CONTROL, null);
      slots.add(new Slot(null, FIRST_FRAME_CONTROL, Medium.IMAGE, Intent.FIRST_FRAME, dataUri(firstFrame)));
    }
    for (ShotReference reference : request.controls().references()) {
      verdicts.put(reference.mention(), null);
      Slot slot = classify(reference, request);
      if (slot != null) {
        slots.add(slot);
      }
    }
    dropSecondFrames(slots);
    enforceLimit(slots, Medium.IMAGE, MAX_IMAGES, "images");
    enforceLimit(slots, Medium.VIDEO, MAX_VIDEOS, "videos");
    enforceLimit(slots, Medium.AUDIO, MAX_AUDIO, "audio files");
    dropLonelyAudio(slots);
    List<Slot> kept = slots.stream().filter(slot -> slot.kept).toList();
    List<Slot> references = kept.stream().filter(slot -> forcesReferenceMode(slot, kept)).toList();
    if (references.isEmpty()) {
      assignFrameRoles(kept);
    } else {
      assignReferenceRoles(kept, references);
    }
  }

  private @Nullable Slot classify(ShotReference reference, RenderRequest request) {
    String mention = reference.mention();
    boolean image = reference.mediaType().startsWith("image/");
    switch (reference.kind()) {
      case "image" -> {
        Intent intent =
            reference.roleMentions(FIRST_FRAME_WORDS)
                ? Intent.FIRST_FRAME
                : reference.roleMentions(LAST_FRAME_WORDS) ? Intent.LAST_FRAME : Intent.REFERENCE;
        return new Slot(reference, mention, Medium.IMAGE, intent, reference.dataUri());
      }
      case "video" -> {
        return new Slot(reference, mention, Medium.VIDEO, Intent.REFERENCE, reference.dataUri());
      }
      case "audio" -> {
        if (AUDIO_TYPES.contains(reference.mediaType())) {
          return new Slot(reference, mention, Medium.AUDIO, Intent.REFERENCE, reference.dataUri());
        }
        verdicts.put(
            mention,
            ControlVerdict.dropped(
                mention, "Seedance takes MP3 or WAV audio only, not " + reference.mediaType() + "; convert it first"));
        return null;
      }
      case "style_reference" -> {
        if (image) {
          return new Slot(reference, mention, Medium.IMAGE, Intent.STYLE, reference.dataUri());
        }
        verdicts.put(mention, ControlVerdict.dropped(mention, "Seedance takes a style reference only as an image"));
        return null;
      }
      case "color_palette" -> {
        if (image) {
          return new Slot(reference, mention, Medium.IMAGE, Intent.PALETTE, reference.dataUri());
        }
        verdicts.put(
            mention,
            ControlVerdict.dropped(
                mention, "Seedance has no palette input; only a palette image can be sent, as a reference image"));
        return null;
      }
      case "negative_reference" -> {
        String role = reference.role();
        if (role == null) {
          verdicts.put(
              mention,
              ControlVerdict.dropped(
                  mention,
                  "Seedance has no negative input, and the mention has no text saying what to avoid; the image is not"
                      + " sent (as a reference it would pull the video towards it)"));
        } else {
          avoid.add(role);
          verdicts.put(
              mention,
              ControlVerdict.approximated(
                  mention,
                  "Seedance has no negative input: the image is not sent (as a reference it would pull the video"
                      + " towards it); its text is folded into the prompt as \"Avoid: " + role + "\""));
        }
        return null;
      }
      case "camera_path" -> {
        verdicts.put(
            mention,
            request.controls().camera() == null
                ? ControlVerdict.dropped(mention, "Seedance has no camera-path input")
                : ControlVerdict.approximated(
                    mention, "Seedance has no camera-path input: reduced to its dominant move (see camera_path)"));
        return null;
      }
      case "depth_map" -> {
        verdicts.put(
            mention,
            ControlVerdict.dropped(
                mention,
                "Seedance has no depth input; sent as a reference image it would be copied as a picture, not"
                    + " followed as depth"));
        return null;
      }
      case "regional_mask" -> {
        verdicts.put(
            mention,
            ControlVerdict.dropped(
                mention,
                "Seedance has no mask input; sent as a reference image it would be copied as a picture, not"
                    + " followed as a mask"));
        return null;
      }
      case "skeletal_rig" -> {
        verdicts.put(mention, ControlVerdict.dropped(mention, "Seedance has no motion-capture (BVH) input"));
        return null;
      }
      default -> {
        verdicts.put(
            mention, ControlVerdict.dropped(mention, "Seedance has no input for " + reference.kind() + " files"));
        return null;
      }
    }
  }

  /** One first and one last frame at most; the request's own first frame comes first. */
  private void dropSecondFrames(List<Slot> slots) {
    Map<Intent, Slot> holders = new LinkedHashMap<>();
    for (Slot slot : slots) {
      if (!slot.isFrame()) {
        continue;
      }
      Slot holder = holders.putIfAbsent(slot.intent, slot);
      if (holder != null) {
        drop(
            slot,
            "the " + (slot.intent == Intent.FIRST_FRAME ? "first" : "last") + " frame is already given by "
                + describe(holder));
      }
    }
  }

  private void enforceLimit(List<Slot> slots, Medium medium, int max, String noun) {
    int count = 0;
    for (Slot slot : slots) {
      if (slot.kept && slot.medium == medium && ++count > max) {
        drop(slot, "over Seedance 2.0's limit of " + max + " " + noun + " per request");
      }
    }
  }

  private void dropLonelyAudio(List<Slot> slots) {
    boolean visual = slots.stream().anyMatch(slot -> slot.kept && slot.medium != Medium.AUDIO);
    if (visual) {
      return;
    }
    for (Slot slot : slots) {
      if (slot.kept && slot.medium == Medium.AUDIO) {
        drop(slot, "Seedance 2.0 does not take audio references without an image or video reference");
      }
    }
  }

  /** References, and a last frame without a first frame (Seedance takes a last frame only after one). */
  private static boolean forcesReferenceMode(Slot slot, List<Slot> kept) {
    if (!slot.isFrame()) {
      return true;
    }
    return slot.intent == Intent.LAST_FRAME && kept.stream().noneMatch(other -> other.intent == Intent.FIRST_FRAME);
  }

  private void assignFrameRoles(List<Slot> kept) {
    List<Slot> ordered = kept.stream().sorted(Comparator.comparing((Slot slot) -> slot.intent)).toList();
    int number = 0;
    for (Slot slot : ordered) {
      slot.number = ++number;
      boolean first = slot.intent == Intent.FIRST_FRAME;
      slot.role = first ? "first_frame" : "last_frame";
      String which = first ? "first" : "last";
      verdicts.put(slot.control, ControlVerdict.honoured(slot.control, "content[] image_url with role " + slot.role));
      if (slot.reference != null) {
        legend.add(slot.control + " is the " + which + " frame.");
      }
      items.add(item(slot));
    }
  }

  private void assignReferenceRoles(List<Slot> kept, List<Slot> references) {
    String because =
        "Seedance takes first/last frames or references, never both, and this request has references ("
            + references.stream().filter(slot -> !slot.isFrame()).map(SeedanceContentPlan::describe)
                .collect(Collectors.joining(", "))
            + ")";
    Map<Medium, Integer> numbers = new LinkedHashMap<>();
    for (Medium medium : Medium.values()) {
      for (Slot slot : kept) {
        if (slot.medium != medium) {
          continue;
        }
        slot.number = numbers.merge(medium, 1, Integer::sum);
        slot.role = switch (medium) {
          case IMAGE -> "reference_image";
          case VIDEO -> "reference_video";
          case AUDIO -> "reference_audio";
        };
        verdicts.put(slot.control, referenceVerdict(slot, because, kept));
        legend.add(legendLine(slot));
        items.add(item(slot));
      }
    }
  }

  private static ControlVerdict referenceVerdict(Slot slot, String because, List<Slot> kept) {
    String sent = "content[] " + slot.medium.type + " with role " + slot.role + " " + slot.label();
    return switch (slot.intent) {
      case REFERENCE -> ControlVerdict.honoured(slot.control, sent);
      case STYLE ->
          ControlVerdict.approximated(
              slot.control, sent + "; Seedance has no style role, so the prompt says to match its look");
      case PALETTE ->
          ControlVerdict.approximated(
              slot.control, sent + "; Seedance has no palette role, so the prompt says to use its colours");
      case FIRST_FRAME ->
          ControlVerdict.approximated(
              slot.control, "sent as reference_image " + slot.label() + ", not first_frame: " + because);
      case LAST_FRAME ->
          kept.stream().anyMatch(other -> other.intent == Intent.FIRST_FRAME)
              ? ControlVerdict.approximated(
                  slot.control, "sent as reference_image " + slot.label() + ", not last_frame: " + because)
              : ControlVerdict.approximated(
                  slot.control,
                  "sent as reference_image " + slot.label()
                      + ": Seedance takes a last frame only together with a first frame");
    };
  }

  private static String legendLine(Slot slot) {
    String subject = slot.reference == null ? slot.label() : slot.control + " is " + slot.label();
    String verb = slot.reference == null ? " is" : ",";
    return switch (slot.intent) {
      case REFERENCE -> subject + ".";
      case STYLE -> subject + ", a style reference: match its look, not its content.";
      case PALETTE -> subject + ", a colour palette: use its colours.";
      case FIRST_FRAME -> subject + verb + " the opening frame: start the shot on it.";
      case LAST_FRAME -> subject + verb + " the closing frame: end the shot on it.";
    };
  }

  private static ObjectNode item(Slot slot) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("type", slot.medium.type);
    item.putObject(slot.medium.type).put("url", slot.url);
    item.put("role", slot.role);
    return item;
  }

  private void drop(Slot slot, String reason) {
    slot.kept = false;
    verdicts.put(slot.control, ControlVerdict.dropped(slot.control, reason));
  }

  private static String describe(Slot slot) {
    return slot.reference == null ? "the request's first frame" : slot.control;
  }

  private static String dataUri(byte[] image) {
    return "data:" + imageMediaType(image) + ";base64," + Base64.getEncoder().encodeToString(image);
  }

  /** RenderRequest promises PNG, JPEG or WebP; the bytes say which. */
  static String imageMediaType(byte[] image) {
    if (image.length >= 3 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == 0xD8 && (image[2] & 0xFF) == 0xFF) {
      return "image/jpeg";
    }
    if (image.length >= 12
        && image[0] == 'R' && image[1] == 'I' && image[2] == 'F' && image[3] == 'F'
        && image[8] == 'W' && image[9] == 'E' && image[10] == 'B' && image[11] == 'P') {
      return "image/webp";
    }
    return "image/png";
  }
}
