package dev.aivid.media.camera;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nerfstudio {@code camera_path.json} converted to AIVid conventions, with the render settings it carried.
 *
 * @param path one linear keyframe per {@code camera_path} entry at i · seconds / n, world converted to +Y up
 * @param cameraType nerfstudio's {@code camera_type} ("perspective" when absent), lower case
 * @param seconds the declared length; the renderer plays n frames at n / seconds fps
 * @param declaredFramesPerSecond the file's {@code fps}, which nerfstudio's renderer ignores
 */
public record NerfstudioCameraPath(
    CameraPath path,
    int renderWidth,
    int renderHeight,
    String cameraType,
    double seconds,
    @Nullable Double declaredFramesPerSecond) {

  public NerfstudioCameraPath {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(cameraType, "cameraType");
  }
}
