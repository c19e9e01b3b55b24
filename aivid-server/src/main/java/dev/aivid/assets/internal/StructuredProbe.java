package dev.aivid.assets.internal;

import dev.aivid.media.MediaException;
import dev.aivid.media.bvh.BvhAnalysis;
import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhParser;
import dev.aivid.media.camera.CameraMotion;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPathReader;
import dev.aivid.media.camera.NerfstudioCameraPathReader;
import dev.aivid.media.detect.ContentType;
import dev.aivid.media.palette.Palette;
import dev.aivid.media.palette.Palettes;
import java.util.Locale;
import java.util.Map;

/**
 * Text formats. A BVH rig is parsed and analysed; a JSON file is tried as an AIVid camera path, a
 * nerfstudio camera path, then a palette, and recorded as {@code json_kind}; a GIMP palette is read.
 */
public final class StructuredProbe {
  /** Camera speed is reported for this reference frame; preflight recomputes it per target size. */
  private static final int REFERENCE_WIDTH = 1920;
  private static final int REFERENCE_HEIGHT = 1080;
  private static final double REFERENCE_FRAMES_PER_SECOND = 24;

  private StructuredProbe() {}

  static void describe(ContentType type, byte[] bytes, Map<String, Object> metadata) {
    switch (type) {
      case BVH -> describeRig(bytes, metadata);
      case JSON -> describeJson(bytes, metadata);
      case GIMP_PALETTE -> describePalette(Palettes.read(bytes), metadata);
      default -> metadata.put("size_bytes", bytes.length);
    }
  }

  private static void describeRig(byte[] bytes, Map<String, Object> metadata) {
    BvhClip clip = BvhParser.parse(bytes);
    BvhAnalysis analysis = BvhAnalysis.of(clip);
    metadata.put("joints", clip.skeleton().jointCount());
    metadata.put("frames", clip.motion().frameCount());
    metadata.put("frame_time_seconds", clip.motion().frameTimeSeconds());
    metadata.put("duration_seconds", round(clip.motion().durationSeconds()));
    metadata.put("root_speed_max_units_per_second", round(analysis.rootSpeedMaxUnitsPerSecond()));
    metadata.put("root_yaw_total_degrees", round(analysis.rootYawTotalDegrees()));
    metadata.put("motion_energy", round(analysis.motionEnergy()));
    metadata.put("landing_frames", analysis.landings().stream().map(landing -> landing.frameIndex()).toList());
  }

  private static void describeJson(byte[] bytes, Map<String, Object> metadata) {
    MediaException aividFailure;
    try {
      describeCamera(CameraPathReader.read(bytes), "aivid", metadata);
      return;
    } catch (MediaException e) {
      aividFailure = e;
    }
    try {
      describeCamera(NerfstudioCameraPathReader.read(bytes).path(), "nerfstudio", metadata);
      return;
    } catch (MediaException ignored) {
      // Not nerfstudio either; try a palette next.
    }
    try {
      describePalette(Palettes.read(bytes), metadata);
      return;
    } catch (MediaException ignored) {
      // Fall through: unknown JSON.
    }
    if (looksLikeCameraPath(bytes)) {
      // It meant to be a camera path: report why it is not a valid one.
      throw aividFailure;
    }
    metadata.put("json_kind", "unknown");
  }

  private static boolean looksLikeCameraPath(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
    return text.contains("\"keyframes\"") || text.contains("\"camera_path\"");
  }

  private static void describeCamera(CameraPath path, String format, Map<String, Object> metadata) {
    CameraMotion motion = path.motion(REFERENCE_FRAMES_PER_SECOND, REFERENCE_WIDTH, REFERENCE_HEIGHT);
    metadata.put("json_kind", "camera_path");
    metadata.put("camera_format", format);
    metadata.put("keyframes", path.keyframes().size());
    metadata.put("duration_seconds", round(path.durationSeconds()));
    metadata.put("dominant_move", motion.dominantMove().name().toLowerCase(Locale.ROOT));
    metadata.put("total_yaw_degrees", round(motion.totalYawDegrees()));
    metadata.put("peak_screen_speed_pixels_per_second_1080p", round(motion.peakScreenSpeedPixelsPerSecond()));
  }

  private static void describePalette(Palette palette, Map<String, Object> metadata) {
    metadata.put("json_kind", "palette");
    metadata.put("colours", palette.colours().stream().map(colour -> colour.hex()).toList());
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
