package dev.aivid.media.camera;

/** The {@link dev.aivid.media.MediaException#code()} values of camera path readers. */
public final class CameraPathErrors {

  /** Not JSON, wrong structure or type, unknown member, value out of its documented range, or a breached size limit. */
  public static final String SYNTAX = "camera_path_syntax";
  /** Keyframe times must strictly increase. */
  public static final String TIMES_NOT_INCREASING = "camera_path_times_not_increasing";
  /** A number is NaN or infinite (the literals NaN/Infinity or a value too large for a double). */
  public static final String NOT_A_NUMBER = "camera_path_not_a_number";
  /** A matrix is not an invertible rigid transform, or look_at gives no usable orientation. */
  public static final String SINGULAR_MATRIX = "camera_path_singular_matrix";
  public static final String TOO_MANY_KEYFRAMES = "camera_path_too_many_keyframes";
  public static final String INVALID_FOV = "camera_path_invalid_fov";
  public static final String EMPTY = "camera_path_empty";

  private CameraPathErrors() {}
}
