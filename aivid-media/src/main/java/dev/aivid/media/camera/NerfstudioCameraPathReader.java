package dev.aivid.media.camera;

import static dev.aivid.media.camera.CameraJson.ACCESS;

import dev.aivid.media.MediaException;
import dev.aivid.media.json.JsonAccess;
import dev.aivid.media.json.JsonValue;
import dev.aivid.media.json.JsonValue.JsonArray;
import dev.aivid.media.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Imports a nerfstudio {@code camera_path.json} (as written by its viewer and read by {@code ns-render camera-path}).
 *
 * <p>Only the rendered trajectory is used: {@code camera_path[]} with {@code camera_to_world} (16 numbers, a row-major
 * 4×4 matrix) and {@code fov} (vertical, degrees), plus {@code seconds}, {@code render_width}, {@code render_height},
 * {@code camera_type} and {@code fps}. The viewer's spline control points ({@code keyframes[]}, whose matrices older
 * viewers wrote as column-major strings), {@code aspect}, {@code render_time}, {@code crop}, {@code smoothness_value} and
 * any other members are accepted and ignored.
 *
 * <p>Conversion: both use OpenGL camera axes (look along local -Z, +Y up, +X right), so camera-local axes stay; the
 * world goes from nerfstudio's +Z up to AIVid's +Y up by x' = x, y' = z, z' = -y applied to rotation and translation.
 * Frame i of n is placed at i · seconds / n, as nerfstudio's renderer plays n frames at n / seconds fps. A uniform scale
 * in the rotation part (seen in some exported paths; the renderer normalises ray directions) is removed; any other
 * non-rigid matrix is camera_path_singular_matrix. Errors use the {@link CameraPathErrors} codes; nothing else is
 * thrown for any input. Thread-safe.
 */
public final class NerfstudioCameraPathReader {

  private static final int MAX_RENDER_SIDE = 16_384;
  /** Keeps i · seconds / n strictly increasing for every allowed n. */
  private static final double MIN_SECONDS = 0.001;

  private NerfstudioCameraPathReader() {}

  public static NerfstudioCameraPath read(byte @Nullable [] bytes) {
    JsonObject root = ACCESS.object(CameraJson.parse(bytes), "");
    JsonArray cameras = ACCESS.array(ACCESS.required(root, "camera_path", ""), "camera_path");
    CameraPathReader.requireKeyframeCount(cameras.elements().size());
    int renderWidth = renderSide(root, "render_width");
    int renderHeight = renderSide(root, "render_height");
    double seconds = CameraJson.finite(ACCESS.required(root, "seconds", ""), "seconds");
    if (!(seconds >= MIN_SECONDS && seconds <= CameraPath.MAX_DURATION_SECONDS)) {
      throw ACCESS.syntax("seconds is " + seconds + ", must be within " + MIN_SECONDS + ".." + CameraPath.MAX_DURATION_SECONDS);
    }
    String cameraType = "perspective";
    JsonValue cameraTypeValue = ACCESS.optional(root, "camera_type");
    if (cameraTypeValue != null) {
      cameraType = ACCESS.string(cameraTypeValue, "camera_type").toLowerCase(Locale.ROOT);
    }
    @Nullable Double declaredFramesPerSecond = null;
    JsonValue declaredRate = ACCESS.optional(root, "fps");
    if (declaredRate != null) {
      declaredFramesPerSecond = CameraJson.finite(declaredRate, "fps");
    }

    int count = cameras.elements().size();
    List<CameraKeyframe> keyframes = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      String path = JsonAccess.element("camera_path", index);
      keyframes.add(keyframe(cameras.elements().get(index), index * seconds / count, path));
    }
    double playbackFramesPerSecond = count / seconds;
    @Nullable Double framesPerSecond = null;
    if (playbackFramesPerSecond >= CameraPath.MIN_FRAMES_PER_SECOND && playbackFramesPerSecond <= CameraPath.MAX_FRAMES_PER_SECOND) {
      framesPerSecond = playbackFramesPerSecond;
    }
    return new NerfstudioCameraPath(
        new CameraPath(framesPerSecond, keyframes), renderWidth, renderHeight, cameraType, seconds, declaredFramesPerSecond);
  }

  private static CameraKeyframe keyframe(JsonValue value, double timeSeconds, String path) {
    JsonObject camera = ACCESS.object(value, path);
    String matrixPath = JsonAccess.join(path, "camera_to_world");
    double[] nerfstudio = CameraJson.numbers(ACCESS.required(camera, "camera_to_world", path), 16, matrixPath);
    // Rows of W · M with W = [[1,0,0],[0,0,1],[0,-1,0]]: row 0 stays, row 1 is nerfstudio's row 2, row 2 is -row 1.
    double[] converted = new double[16];
    for (int column = 0; column < 4; column++) {
      converted[column] = nerfstudio[column];
      converted[4 + column] = nerfstudio[8 + column];
      converted[8 + column] = -nerfstudio[4 + column];
      converted[12 + column] = nerfstudio[12 + column];
    }
    Quaternion orientation = CameraJson.rigidOrientation(converted, true, matrixPath);
    var position = new Vector3(converted[3], converted[7], converted[11]);
    double fieldOfView = CameraJson.fieldOfView(ACCESS.required(camera, "fov", path), JsonAccess.join(path, "fov"));
    JsonValue aspect = ACCESS.optional(camera, "aspect");
    if (aspect != null) {
      double ratio = CameraJson.finite(aspect, JsonAccess.join(path, "aspect"));
      if (!(ratio > 0)) {
        throw ACCESS.syntax(path + ".aspect is " + ratio + ", must be positive");
      }
    }
    return new CameraKeyframe(timeSeconds, position, orientation, null, fieldOfView, Easing.LINEAR);
  }

  private static int renderSide(JsonObject root, String name) {
    double value = CameraJson.finite(ACCESS.required(root, name, ""), name);
    if (value != Math.rint(value) || value < 1 || value > MAX_RENDER_SIDE) {
      throw new MediaException(CameraPathErrors.SYNTAX, name + " is " + value + ", must be a whole number within 1.." + MAX_RENDER_SIDE);
    }
    return (int) value;
  }
}
