package dev.aivid.preflight.internal;

import dev.aivid.assets.StackKind;
import dev.aivid.catalog.VideoSize;
import dev.aivid.media.MediaException;
import dev.aivid.media.bvh.BvhParser;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPathReader;
import dev.aivid.media.camera.NerfstudioCameraPathReader;
import dev.aivid.media.mask.MaskErrors;
import dev.aivid.media.mask.Masks;
import dev.aivid.preflight.PreflightException;
import dev.aivid.preflight.PreflightInput;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The parsed files of one preflight, read once and only when needed: rigs and camera paths become
 * motion figures for the shot, masks and depth maps are checked against the frame size.
 */
public final class StackMaterial {
  private final List<PreflightInput> inputs;
  private final double shotSeconds;
  private final double framesPerSecond;
  private final VideoSize size;
  private @Nullable List<Sized<CameraFigures>> cameras;
  private @Nullable List<Sized<RigFigures>> rigs;

  public StackMaterial(List<PreflightInput> inputs, double shotSeconds, double framesPerSecond, VideoSize size) {
    this.inputs = List.copyOf(inputs);
    this.shotSeconds = shotSeconds;
    this.framesPerSecond = framesPerSecond;
    this.size = size;
  }

  public double framesPerSecond() {
    return framesPerSecond;
  }

  public List<Sized<CameraFigures>> cameras() {
    if (cameras == null) {
      List<Sized<CameraFigures>> parsed = new ArrayList<>();
      for (PreflightInput input : inputs) {
        if (input.kind() == StackKind.CAMERA_PATH) {
          CameraPath path = cameraPath(input);
          parsed.add(new Sized<>(input, CameraFigures.of(path, shotSeconds, framesPerSecond, size.width(), size.height())));
        }
      }
      cameras = List.copyOf(parsed);
    }
    return cameras;
  }

  public List<Sized<RigFigures>> rigs() {
    if (rigs == null) {
      List<Sized<RigFigures>> parsed = new ArrayList<>();
      for (PreflightInput input : inputs) {
        if (input.kind() == StackKind.SKELETAL_RIG) {
          try {
            parsed.add(new Sized<>(input, RigFigures.of(BvhParser.parse(bytes(input)), shotSeconds, framesPerSecond)));
          } catch (MediaException e) {
            throw unreadable(input, e);
          }
        }
      }
      rigs = List.copyOf(parsed);
    }
    return rigs;
  }

  /**
   * Every regional mask and depth map must have the frame's size, or its aspect ratio within 1 %
   * (then it is resampled): the rule of {@link Masks}. Anything else is a 422 naming the file.
   */
  public void checkMasks() {
    for (PreflightInput input : inputs) {
      boolean mask = input.kind() == StackKind.REGIONAL_MASK;
      if (!mask && input.kind() != StackKind.DEPTH_MAP) {
        continue;
      }
      try {
        if (mask) {
          Masks.readMask(bytes(input), size.width(), size.height());
        } else {
          Masks.readDepth(bytes(input), size.width(), size.height());
        }
      } catch (MediaException e) {
        String code = e.code();
        if (!mask && code.equals(MaskErrors.SIZE_MISMATCH)) {
          code = "depth_map_size_mismatch";
        } else if (!mask && code.equals(MaskErrors.NOT_GREYSCALE)) {
          code = "depth_map_not_greyscale";
        }
        throw new PreflightException(
            PreflightException.Kind.UNPROCESSABLE,
            code,
            "entries[" + input.index() + "]",
            input.label() + ": " + e.getMessage() + " (the shot is " + size + ")");
      }
    }
  }

  private CameraPath cameraPath(PreflightInput input) {
    byte[] bytes = bytes(input);
    try {
      if ("nerfstudio".equals(input.metadata().get("camera_format"))) {
        return NerfstudioCameraPathReader.read(bytes).path();
      }
      return CameraPathReader.read(bytes);
    } catch (MediaException e) {
      throw unreadable(input, e);
    }
  }

  private static byte[] bytes(PreflightInput input) {
    try {
      return Objects.requireNonNull(input.content(), "content").get();
    } catch (UncheckedIOException e) {
      throw new PreflightException(
          PreflightException.Kind.UNPROCESSABLE,
          "unreadable_input",
          "entries[" + input.index() + "]",
          input.label() + " cannot be read: " + e.getMessage());
    }
  }

  private static PreflightException unreadable(PreflightInput input, MediaException e) {
    return new PreflightException(
        PreflightException.Kind.UNPROCESSABLE,
        "unreadable_" + input.kind().wireName().toLowerCase(Locale.ROOT),
        "entries[" + input.index() + "]",
        input.label() + " cannot be parsed: " + e.getMessage());
  }
}
