package dev.aivid.providers.local;

import dev.aivid.media.MediaException;
import dev.aivid.media.audio.AudioDecoder;
import dev.aivid.media.audio.DecodedAudio;
import dev.aivid.media.beats.BeatTrack;
import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhParser;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPathReader;
import dev.aivid.media.camera.NerfstudioCameraPathReader;
import dev.aivid.media.image.Images;
import dev.aivid.media.mask.Masks;
import dev.aivid.media.palette.Palettes;
import dev.aivid.media.scene.Layer;
import dev.aivid.media.scene.LayerRole;
import dev.aivid.media.scene.SceneRig;
import dev.aivid.media.scene.SceneSpec;
import dev.aivid.media.scene.StyleTint;
import dev.aivid.media.sound.LandingHits;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotReference;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A render request's whole stack as a previz scene: images become layers (their @mention role picks
 * background, subject or foreground), the depth map sets their depths, the first mask restricts the
 * subject, the camera path moves the camera (else the prompt's camera words do), the rig walks,
 * the style reference tints, the palette grades, negative references are listed, and the first
 * audio file becomes the soundtrack whose beats are marked, with Foley at the rig's landings.
 */
final class StackScene {
  static final int AUDIO_SAMPLE_RATE = 48_000;
  private static final Pattern BACKGROUND_WORDS =
      Pattern.compile("\\b(background|backdrop|environment|setting|scene|street|city|location|sky|landscape|place)\\b");
  private static final Pattern FOREGROUND_WORDS = Pattern.compile("\\b(foreground|overlay|in front)\\b");

  private final SceneSpec spec;
  private final @Nullable Soundtrack soundtrack;
  private final List<ControlVerdict> verdicts;

  /** The audio to mux: the shot's music (or silence) with Foley at each landing time. */
  record Soundtrack(float @Nullable [] music, List<Double> landingSeconds, List<Integer> landingFrames) {}

  private StackScene(SceneSpec spec, @Nullable Soundtrack soundtrack, List<ControlVerdict> verdicts) {
    this.spec = spec;
    this.soundtrack = soundtrack;
    this.verdicts = List.copyOf(verdicts);
  }

  SceneSpec spec() {
    return spec;
  }

  @Nullable Soundtrack soundtrack() {
    return soundtrack;
  }

  List<ControlVerdict> verdicts() {
    return verdicts;
  }

  /**
   * What the engine will do with each control, without reading any file (the verdicts of a render
   * that reads them all successfully; a file that fails to decode is reported dropped at render).
   */
  static List<ControlVerdict> plannedVerdicts(RenderRequest request) {
    List<ControlVerdict> verdicts = new ArrayList<>();
    boolean subjectSeen = false;
    boolean maskSeen = false;
    boolean audioSeen = false;
    for (ShotReference reference : request.controls().references()) {
      String role = reference.role() == null ? "" : reference.role().toLowerCase(Locale.ROOT);
      String mention = reference.mention();
      verdicts.add(
          switch (reference.kind()) {
            case "image" -> {
              LayerRole layerRole = layerRole(role, subjectSeen);
              subjectSeen |= layerRole == LayerRole.SUBJECT;
              yield ControlVerdict.honoured(mention, "a " + layerRole.name().toLowerCase(Locale.ROOT) + " layer");
            }
            case "depth_map" -> ControlVerdict.honoured(mention, DEPTH);
            case "regional_mask" -> {
              boolean first = !maskSeen;
              maskSeen = true;
              yield first ? ControlVerdict.honoured(mention, MASK) : ControlVerdict.dropped(mention, ONE_MASK);
            }
            case "camera_path" -> ControlVerdict.honoured(mention, CAMERA);
            case "skeletal_rig" -> ControlVerdict.honoured(mention, RIG);
            case "style_reference" -> ControlVerdict.approximated(mention, STYLE);
            case "color_palette" -> ControlVerdict.honoured(mention, PALETTE);
            case "negative_reference" -> ControlVerdict.approximated(mention, NEGATIVE);
            case "audio" -> {
              boolean first = !audioSeen;
              audioSeen = true;
              yield first ? ControlVerdict.honoured(mention, AUDIO) : ControlVerdict.dropped(mention, ONE_AUDIO);
            }
            default -> ControlVerdict.dropped(mention, unused(reference.kind()));
          });
    }
    if (request.controls().camera() != null && request.controls().referencesOfKind("camera_path").isEmpty()) {
      verdicts.add(ControlVerdict.approximated("camera_path", "the camera makes the path's dominant move: " + request.controls().camera().phrase()));
    }
    if (request.controls().framesPerSecond() != null) {
      verdicts.add(ControlVerdict.honoured("frame_rate", "rendered at " + Math.round(request.controls().framesPerSecond()) + " fps"));
    }
    if (request.controls().seedRequested()) {
      verdicts.add(ControlVerdict.honoured("seed", SEED));
    }
    return verdicts;
  }

  private static final String DEPTH = "sets every layer's depth (white near), so the camera move shows parallax";
  private static final String MASK = "restricts where the subject layer draws";
  private static final String ONE_MASK = "the previz engine applies one mask, to the subject layer";
  private static final String CAMERA = "the camera follows the path frame by frame";
  private static final String RIG = "drawn by forward kinematics, retimed to the output frame rate, contacts shown, Foley at landings";
  private static final String STYLE = "its mean colour tints the frame (no style transfer)";
  private static final String PALETTE = "every pixel graded to the nearest palette colour";
  private static final String NEGATIVE = "listed in the burn-in: a previz has nothing to steer away from";
  private static final String AUDIO = "muxed as the soundtrack (AAC), trimmed or padded to the shot; its beats are marked";
  private static final String ONE_AUDIO = "the previz soundtrack is the first audio file";
  private static final String SEED = "seeds the backdrop and every random choice; a re-render is identical";

  private static String unused(String kind) {
    return "the previz engine does not use " + kind.replace('_', ' ') + " references";
  }

  /**
   * True unless the request is a bare first-frame render: that one keeps the v0 engine, whose
   * first frame is the uploaded image exactly (the OpenAI input_reference contract).
   */
  static boolean wanted(RenderRequest request) {
    return request.firstFrameImage() == null
        || !request.controls().references().isEmpty()
        || request.controls().camera() != null;
  }

  static StackScene of(RenderRequest request, Path scratch) {
    double framesPerSecond = request.controls().framesPerSecond() == null ? 24 : request.controls().framesPerSecond();
    int fps = (int) Math.max(1, Math.min(60, Math.round(framesPerSecond)));
    SceneSpec.Builder builder =
        SceneSpec.builder(request.width(), request.height(), request.seconds(), fps)
            .seed(request.seed())
            .prompt(request.prompt())
            .shotName(request.model())
            .modelLabel(request.model())
            .burnIn(true);
    List<ControlVerdict> verdicts = new ArrayList<>();
    List<Layer> layers = new ArrayList<>();
    BufferedImage mask = null;
    String maskMention = null;
    List<String> negatives = new ArrayList<>();
    BvhClip rig = null;
    float[] music = null;
    boolean subjectSeen = false;
    for (ShotReference reference : request.controls().references()) {
      String role = reference.role() == null ? "" : reference.role().toLowerCase(Locale.ROOT);
      try {
        switch (reference.kind()) {
          case "image" -> {
            LayerRole layerRole = layerRole(role, subjectSeen);
            subjectSeen |= layerRole == LayerRole.SUBJECT;
            layers.add(Layer.of(Images.decode(reference.bytes()), layerRole));
            verdicts.add(ControlVerdict.honoured(reference.mention(), "a " + layerRole.name().toLowerCase(Locale.ROOT) + " layer"));
          }
          case "depth_map" -> {
            builder.depthMap(Masks.readDepth(reference.bytes(), request.width(), request.height()));
            verdicts.add(ControlVerdict.honoured(reference.mention(), DEPTH));
          }
          case "regional_mask" -> {
            if (mask == null) {
              mask = Images.decode(reference.bytes());
              maskMention = reference.mention();
            } else {
              verdicts.add(ControlVerdict.dropped(reference.mention(), ONE_MASK));
            }
          }
          case "camera_path" -> {
            builder.cameraPath(cameraPath(reference.bytes()));
            verdicts.add(ControlVerdict.honoured(reference.mention(), CAMERA));
          }
          case "skeletal_rig" -> {
            rig = BvhParser.parse(reference.bytes());
            builder.rig(SceneRig.of(rig));
            verdicts.add(ControlVerdict.honoured(reference.mention(), RIG));
          }
          case "style_reference" -> {
            builder.styleTint(StyleTint.of(Images.decode(reference.bytes())));
            verdicts.add(ControlVerdict.approximated(reference.mention(), STYLE));
          }
          case "color_palette" -> {
            builder.palette(Palettes.read(reference.bytes()));
            verdicts.add(ControlVerdict.honoured(reference.mention(), PALETTE));
          }
          case "negative_reference" -> {
            negatives.add(reference.mention() + (reference.role() == null ? "" : " (" + reference.role() + ")"));
            verdicts.add(ControlVerdict.approximated(reference.mention(), NEGATIVE));
          }
          case "audio" -> {
            if (music == null) {
              Path file = Files.createTempFile(scratch, "audio-", ".bin");
              try {
                Files.write(file, reference.bytes());
                DecodedAudio forBeats = AudioDecoder.decode(file, BeatTrack.SAMPLE_RATE);
                List<Double> beats = new ArrayList<>();
                for (double beat : BeatTrack.track(forBeats).beatTimesSeconds()) {
                  if (beat < request.seconds()) {
                    beats.add(beat);
                  }
                }
                builder.beatTimesSeconds(beats);
                music = AudioDecoder.decode(file, AUDIO_SAMPLE_RATE).samples();
              } finally {
                Files.deleteIfExists(file);
              }
              verdicts.add(ControlVerdict.honoured(reference.mention(), AUDIO));
            } else {
              verdicts.add(ControlVerdict.dropped(reference.mention(), ONE_AUDIO));
            }
          }
          default -> verdicts.add(ControlVerdict.dropped(reference.mention(), unused(reference.kind())));
        }
      } catch (MediaException e) {
        verdicts.add(ControlVerdict.dropped(reference.mention(), "could not be read: " + e.getMessage()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (mask != null) {
      int target = indexOfSubject(layers);
      if (target >= 0) {
        Layer layer = layers.get(target);
        layers.set(target, Layer.of(layer.image(), layer.role(), mask));
        verdicts.add(ControlVerdict.honoured(maskMention, MASK));
      } else {
        verdicts.add(ControlVerdict.dropped(maskMention, "no image layer to restrict"));
      }
    }
    if (request.firstFrameImage() != null && layers.isEmpty()) {
      layers.add(Layer.of(Images.decode(request.firstFrameImage()), LayerRole.BACKGROUND));
    }
    builder.layers(layers).negativeReferences(negatives);
    if (request.controls().framesPerSecond() != null) {
      verdicts.add(ControlVerdict.honoured("frame_rate", "rendered at " + fps + " fps"));
    }
    if (request.controls().seedRequested()) {
      verdicts.add(ControlVerdict.honoured("seed", SEED));
    }
    Soundtrack soundtrack = null;
    if (music != null || rig != null) {
      var hits = rig == null ? List.<dev.aivid.media.sound.LandingHit>of() : LandingHits.fromBvh(rig, fps);
      List<Double> landings = new ArrayList<>();
      List<Integer> frames = new ArrayList<>();
      for (var hit : hits) {
        if (hit.timeSeconds() < request.seconds()) {
          landings.add(hit.timeSeconds());
          frames.add(hit.outputFrame());
        }
      }
      soundtrack = new Soundtrack(music, LandingHits.times(hits.stream().filter(hit -> hit.timeSeconds() < request.seconds()).toList()), frames);
    }
    return new StackScene(builder.build(), soundtrack, verdicts);
  }

  /** The @mention role picks the layer; the first image without one is the subject, later ones background. */
  private static LayerRole layerRole(String role, boolean subjectSeen) {
    if (FOREGROUND_WORDS.matcher(role).find()) {
      return LayerRole.FOREGROUND;
    }
    return BACKGROUND_WORDS.matcher(role).find() || subjectSeen ? LayerRole.BACKGROUND : LayerRole.SUBJECT;
  }

  private static int indexOfSubject(List<Layer> layers) {
    for (int index = 0; index < layers.size(); index++) {
      if (layers.get(index).role() == LayerRole.SUBJECT) {
        return index;
      }
    }
    return layers.isEmpty() ? -1 : 0;
  }

  private static CameraPath cameraPath(byte[] bytes) {
    try {
      return CameraPathReader.read(bytes);
    } catch (MediaException notAividFormat) {
      return NerfstudioCameraPathReader.read(bytes).path();
    }
  }
}
