package dev.aivid.media.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.media.MediaException;
import dev.aivid.media.json.Mutations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class CameraPathPropertiesTest {

  private static final Set<String> CODES = Set.of(
      CameraPathErrors.SYNTAX, CameraPathErrors.TIMES_NOT_INCREASING, CameraPathErrors.NOT_A_NUMBER,
      CameraPathErrors.SINGULAR_MATRIX, CameraPathErrors.TOO_MANY_KEYFRAMES, CameraPathErrors.INVALID_FOV,
      CameraPathErrors.EMPTY);

  private static final List<byte[]> SEEDS = List.of(
      CameraFixtures.bytes("orbit-180.json"),
      CameraFixtures.bytes("dolly.json"),
      CameraFixtures.bytes("pan.json"),
      CameraFixtures.bytes("static.json"),
      CameraFixtures.bytes("nerfstudio-truck.json"));

  @Property(tries = 300)
  void arbitraryBytesGiveAPathOrAMediaException(@ForAll @Size(max = 300) byte[] bytes) {
    assertPathOrMediaException(bytes);
  }

  @Property(tries = 1000)
  void mutatedPathsGiveAPathOrAMediaException(@ForAll("mutatedPaths") byte[] bytes) {
    assertPathOrMediaException(bytes);
  }

  @Property(tries = 50)
  void mutatedRealNerfstudioPathsGiveAPathOrAMediaException(@ForAll("mutatedRealPath") byte[] bytes) {
    assertPathOrMediaException(bytes);
  }

  @Property(tries = 1000)
  void documentsWithOddValuesGiveAPathOrAMediaException(@ForAll("oddDocuments") String document) {
    assertPathOrMediaException(CameraFixtures.utf8(document));
  }

  @Property(tries = 300)
  void validPathsHaveFiniteMotionAndSurviveAWriteReadCycle(@ForAll("validPaths") CameraPath path) {
    CameraMotion motion = Mutations.withinTimeLimit(() -> path.motion(24, 1280, 720));
    assertFinite(motion);
    assertThat(motion.frameCount()).isEqualTo(path.frameCount(24));

    CameraPath copy = CameraPathReader.read(CameraPathWriter.write(path));
    assertThat(copy.keyframes()).hasSameSizeAs(path.keyframes());
    for (int index = 0; index < path.keyframes().size(); index++) {
      assertThat(copy.keyframes().get(index).position()).isEqualTo(path.keyframes().get(index).position());
      assertThat(copy.keyframes().get(index).orientation().angleToDegrees(path.keyframes().get(index).orientation()))
          .isLessThan(1e-6);
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedPaths() {
    return Mutations.of(SEEDS);
  }

  @Provide
  Arbitrary<byte[]> mutatedRealPath() {
    return Mutations.of(List.of(CameraFixtures.bytes("nerfstudio-example-camera-path.json")));
  }

  /**
   * Well-formed JSON in either format whose values are often wrong: non-finite or huge numbers, unordered times,
   * random matrices, fields of view out of range, unknown easings. Reaches the semantic checks that byte mutations
   * rarely get past the JSON syntax to.
   */
  @Provide
  Arbitrary<String> oddDocuments() {
    Arbitrary<String> odd = Arbitraries.of("NaN", "Infinity", "-Infinity", "1e999", "2e6", "0", "-0.0", "1e-320", "-5", "1000");
    Arbitrary<String> number = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.doubles().between(-10, 10).map(CameraPathPropertiesTest::json)), Tuple.of(1, odd));
    Arbitrary<String> vector = number.list().ofSize(3).map(CameraPathPropertiesTest::array);
    Arbitrary<double[]> rotationMatrix = Combinators.combine(
            Arbitraries.doubles().between(-360, 360), Arbitraries.doubles().between(-90, 90), Arbitraries.doubles().between(-180, 180))
        .as((yaw, pitch, roll) -> Rotations.fromYawPitchRoll(yaw, pitch, roll).toRotationMatrix());
    Arbitrary<double[]> matrix16 = Arbitraries.frequencyOf(
        Tuple.of(3, rotationMatrix.map(rotation -> new double[] {
          rotation[0], rotation[1], rotation[2], 1, rotation[3], rotation[4], rotation[5], 2, rotation[6], rotation[7], rotation[8], 3,
          0, 0, 0, 1})),
        Tuple.of(1, Arbitraries.doubles().between(-2, 2).array(double[].class).ofSize(16)));
    Arbitrary<String> orientation = Arbitraries.oneOf(
        vector.map(target -> "\"look_at\": " + target),
        Combinators.combine(number, number, number).as((yaw, pitch, roll) ->
            "\"rotation\": {\"yaw\": " + yaw + ", \"pitch\": " + pitch + ", \"roll\": " + roll + "}"),
        matrix16.map(values -> "\"matrix\": [" + array(values, 0) + ", " + array(values, 4) + ", " + array(values, 8) + ", "
            + array(values, 12) + "]"));
    Arbitrary<String> fieldOfView = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.doubles().between(1, 170).map(CameraPathPropertiesTest::json)), Tuple.of(1, odd));
    Arbitrary<String> easing = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("linear", "ease_in", "ease_out", "ease_in_out", "hold")), Tuple.of(1, Arbitraries.just("bogus")));
    Arbitrary<String> time = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.doubles().between(0, 10).map(CameraPathPropertiesTest::json)), Tuple.of(1, odd));
    Arbitrary<String> keyframe = Combinators.combine(time, vector, orientation, fieldOfView, easing)
        .as((seconds, position, pose, fov, ease) -> "{\"time\": " + seconds + ", \"position\": " + position + ", " + pose
            + ", \"fov\": " + fov + ", \"easing\": \"" + ease + "\"}");
    Arbitrary<String> aivid = keyframe.list().ofMaxSize(4)
        .map(keyframes -> "{\"version\": 1, \"keyframes\": [" + String.join(", ", keyframes) + "]}");
    Arbitrary<String> camera = Combinators.combine(matrix16, fieldOfView)
        .as((values, fov) -> "{\"camera_to_world\": " + array(values, 0, 16) + ", \"fov\": " + fov + "}");
    Arbitrary<String> side = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.of("1920", "1080", "64")), Tuple.of(1, odd));
    Arbitrary<String> length = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.doubles().between(0.5, 20).map(CameraPathPropertiesTest::json)), Tuple.of(1, odd));
    Arbitrary<String> nerfstudio = Combinators.combine(camera.list().ofMaxSize(6), length, side, side)
        .as((cameras, seconds, width, height) -> "{\"camera_path\": [" + String.join(", ", cameras) + "], \"seconds\": " + seconds
            + ", \"render_width\": " + width + ", \"render_height\": " + height + "}");
    return Arbitraries.oneOf(aivid, nerfstudio);
  }

  private static String json(double value) {
    return Double.toString(value);
  }

  private static String array(List<String> numbers) {
    return "[" + String.join(", ", numbers) + "]";
  }

  private static String array(double[] values, int from) {
    return array(values, from, from + 4);
  }

  private static String array(double[] values, int from, int to) {
    List<String> numbers = new ArrayList<>();
    for (int index = from; index < to; index++) {
      numbers.add(json(values[index]));
    }
    return array(numbers);
  }

  @Provide
  Arbitrary<CameraPath> validPaths() {
    Arbitrary<Double> coordinate = Arbitraries.doubles().between(-50, 50);
    Arbitrary<Vector3> vector = Combinators.combine(coordinate, coordinate, coordinate).as(Vector3::new);
    Arbitrary<Quaternion> orientation = Combinators.combine(
            Arbitraries.doubles().between(-720, 720), Arbitraries.doubles().between(-90, 90), Arbitraries.doubles().between(-180, 180))
        .as(Rotations::fromYawPitchRoll);
    Arbitrary<Double> fieldOfView = Arbitraries.doubles().between(CameraKeyframe.MIN_FIELD_OF_VIEW_DEGREES, CameraKeyframe.MAX_FIELD_OF_VIEW_DEGREES);
    Arbitrary<Easing> easing = Arbitraries.of(Easing.class);
    Arbitrary<Double> gap = Arbitraries.doubles().between(0.01, 3);
    Arbitrary<Boolean> aimed = Arbitraries.of(true, false);
    record Draft(Vector3 position, Quaternion orientation, Vector3 target, boolean aimed, double fieldOfView, Easing easing,
        double gap) {}
    Arbitrary<Draft> draft = Combinators.combine(vector, orientation, vector, aimed, fieldOfView, easing, gap).as(Draft::new);
    return draft.list().ofMinSize(1).ofMaxSize(6).map(drafts -> {
      List<CameraKeyframe> keyframes = new ArrayList<>();
      double time = 0;
      for (Draft next : drafts) {
        Quaternion lookAt = next.aimed() ? Rotations.lookAt(next.position(), next.target()) : null;
        keyframes.add(new CameraKeyframe(time, next.position(), lookAt != null ? lookAt : next.orientation(),
            lookAt != null ? next.target() : null, next.fieldOfView(), next.easing()));
        time += next.gap();
      }
      return new CameraPath(null, keyframes);
    });
  }

  private static void assertPathOrMediaException(byte[] bytes) {
    String aivid = Mutations.withinTimeLimit(() -> {
      try {
        assertFinite(CameraPathReader.read(bytes).motion(24, 640, 360));
        return "accepted";
      } catch (MediaException expected) {
        assertThat(expected.code()).isIn(CODES);
        return expected.code();
      }
    });
    String nerfstudio = Mutations.withinTimeLimit(() -> {
      try {
        assertFinite(NerfstudioCameraPathReader.read(bytes).path().motion(24, 640, 360));
        return "accepted";
      } catch (MediaException expected) {
        assertThat(expected.code()).isIn(CODES);
        return expected.code();
      }
    });
    Statistics.label("aivid").collect(aivid);
    Statistics.label("nerfstudio").collect(nerfstudio);
  }

  private static void assertFinite(CameraMotion motion) {
    double[] figures = {
      motion.translationDistanceUnits(), motion.meanTranslationSpeedUnitsPerSecond(), motion.peakTranslationSpeedUnitsPerSecond(),
      motion.meanScreenSpeedPixelsPerSecond(), motion.peakScreenSpeedPixelsPerSecond(), motion.totalYawDegrees(),
      motion.totalPitchDegrees(), motion.fieldOfViewChangeDegrees(), motion.scores().pan(), motion.scores().tilt(),
      motion.scores().zoom(), motion.scores().dolly(), motion.scores().truck(), motion.scores().pedestal(),
      motion.scores().orbitDegrees()
    };
    for (double figure : figures) {
      assertThat(figure).isFinite().isGreaterThanOrEqualTo(0);
    }
    assertThat(motion.dominantMove()).isNotNull();
  }
}
