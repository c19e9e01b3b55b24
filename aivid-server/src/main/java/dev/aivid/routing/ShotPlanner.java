package dev.aivid.routing;

import dev.aivid.assets.Asset;
import dev.aivid.assets.StackKind;
import dev.aivid.catalog.VideoSize;
import dev.aivid.media.MediaException;
import dev.aivid.media.camera.CameraMotion;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPathReader;
import dev.aivid.media.camera.CameraPose;
import dev.aivid.media.camera.NerfstudioCameraPathReader;
import dev.aivid.media.camera.Vector3;
import dev.aivid.providers.CameraIntent;
import dev.aivid.stack.Mention;
import dev.aivid.stack.Stack;
import dev.aivid.stack.StackEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a validated stack into a {@link ShotPlan}: the files adapters may send with their roles,
 * the negative prompt from negative references, the frame rate and seed, and the camera path reduced to its dominant move (see {@link CameraIntent} for the axes).
 */
public final class ShotPlanner {
  /** Every file of the stack: each adapter says what it does with each one. */
  private static final Set<StackKind> SENT_KINDS =
      Set.of(
          StackKind.IMAGE,
          StackKind.VIDEO,
          StackKind.AUDIO,
          StackKind.DEPTH_MAP,
          StackKind.SKELETAL_RIG,
          StackKind.STYLE_REFERENCE,
          StackKind.CAMERA_PATH,
          StackKind.NEGATIVE_REFERENCE,
          StackKind.REGIONAL_MASK,
          StackKind.COLOR_PALETTE);
  /** A camera move that sweeps a full frame height (or 90°) over the shot has strength 1. */
  private static final double FULL_ROTATION_DEGREES = 90;

  private ShotPlanner() {}

  public static ShotPlan plan(Stack stack, int seconds, VideoSize size, Function<Asset, Path> files) {
    Map<Integer, String> roles = new HashMap<>();
    for (Mention mention : stack.mentions()) {
      roles.putIfAbsent(mention.entryIndex(), mention.role());
    }
    List<ShotPlan.PlannedReference> references = new ArrayList<>();
    List<String> negatives = new ArrayList<>();
    Double framesPerSecond = null;
    boolean seedRequested = false;
    CameraIntent camera = null;
    for (StackEntry entry : stack.entries()) {
      Asset asset = entry.asset();
      String role = roles.get(entry.index());
      switch (entry.kind()) {
        case FRAME_RATE -> framesPerSecond = entry.value();
        case SEED -> seedRequested = entry.value() != null;
        case CAMERA_PATH -> {
          if (asset != null && camera == null) {
            camera = cameraIntent(read(files.apply(asset)), asset, seconds, size);
          }
        }
        default -> {}
      }
      if (entry.kind() == StackKind.NEGATIVE_REFERENCE) {
        String words = negativeWords(role, entry);
        if (words != null) {
          negatives.add(words);
        }
      }
      if (asset != null && SENT_KINDS.contains(entry.kind())) {
        references.add(
            new ShotPlan.PlannedReference(
                entry.mention(),
                entry.kind().wireName(),
                role,
                asset.contentType().mediaType(),
                asset.sha256(),
                asset.sizeBytes()));
      }
    }
    return new ShotPlan(
        references,
        negatives.isEmpty() ? null : String.join(", ", negatives),
        framesPerSecond,
        camera,
        seedRequested);
  }

  /** "@Negative1 for text overlays and watermarks" → "text overlays and watermarks". */
  private static @Nullable String negativeWords(@Nullable String role, StackEntry entry) {
    String words = role == null ? "" : role.strip();
    words = words.replaceFirst("(?i)^(for|as|to avoid|avoid|no)\\s+", "").strip();
    if (words.isEmpty()) {
      words = entry.mentionName() == null ? "" : entry.mentionName().replace('_', ' ').replace('-', ' ');
    }
    return words.isBlank() ? null : words;
  }

  static CameraIntent cameraIntent(byte[] bytes, Asset asset, int seconds, VideoSize size) {
    CameraPath path;
    try {
      path =
          "nerfstudio".equals(asset.metadata().get("camera_format"))
              ? NerfstudioCameraPathReader.read(bytes).path()
              : CameraPathReader.read(bytes);
    } catch (MediaException e) {
      throw new IllegalStateException("a stored camera path was validated on upload: " + e.getMessage(), e);
    }
    double window = Math.min(seconds, path.durationSeconds());
    CameraMotion motion = path.motion(24, size.width(), size.height());
    CameraPose start = path.poseAt(0);
    CameraPose end = path.poseAt(window);
    String move = motion.dominantMove().jsonName();
    Vector3 forward = start.forward();
    Vector3 right = forward.cross(Vector3.UP);
    Vector3 travel = end.position().minus(start.position());
    double yaw = end.yawDegrees() - start.yawDegrees();
    yaw = ((yaw + 540) % 360) - 180;
    double pitch = end.pitchDegrees() - start.pitchDegrees();
    double fieldOfView = end.verticalFieldOfViewDegrees() - start.verticalFieldOfViewDegrees();
    double screenStrength = Math.min(1, motion.meanScreenSpeedPixelsPerSecond() * window / size.height());
    int direction;
    double strength;
    switch (move) {
      // Yaw grows to the left (docs/camera-path.md); a pan or orbit to the right is +1.
      case "pan", "orbit" -> {
        direction = yaw > 0 ? -1 : 1;
        strength = Math.min(1, Math.abs(yaw) / FULL_ROTATION_DEGREES);
      }
      case "tilt" -> {
        direction = pitch >= 0 ? 1 : -1;
        strength = Math.min(1, Math.abs(pitch) / (FULL_ROTATION_DEGREES / 2));
      }
      case "zoom" -> {
        direction = fieldOfView <= 0 ? 1 : -1;
        strength = Math.min(1, Math.abs(fieldOfView) / Math.max(1, start.verticalFieldOfViewDegrees() / 2));
      }
      case "dolly" -> {
        direction = travel.dot(forward) >= 0 ? 1 : -1;
        strength = screenStrength;
      }
      case "truck" -> {
        direction = travel.dot(right) >= 0 ? 1 : -1;
        strength = screenStrength;
      }
      case "pedestal" -> {
        direction = travel.y() >= 0 ? 1 : -1;
        strength = screenStrength;
      }
      default -> {
        direction = 0;
        strength = 0;
      }
    }
    return new CameraIntent(
        move,
        direction,
        Math.max(0, Math.min(1, strength)),
        Math.round(motion.totalYawDegrees() * 10) / 10.0,
        Math.round(motion.peakScreenSpeedPixelsPerSecond() * 10) / 10.0);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
