package dev.aivid.media.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures under src/test/resources/camera (see the README there for origins and licences). */
final class CameraFixtures {

  private CameraFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream stream = CameraFixtures.class.getResourceAsStream("/camera/" + name)) {
      if (stream == null) {
        throw new IllegalStateException("missing test resource camera/" + name);
      }
      return stream.readAllBytes();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  static CameraPath path(String name) {
    return CameraPathReader.read(bytes(name));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A one-keyframe AIVid document whose keyframe is {@code keyframeJson}. */
  static byte[] withKeyframe(String keyframeJson) {
    return utf8("{\"version\": 1, \"keyframes\": [" + keyframeJson + "]}");
  }
}
