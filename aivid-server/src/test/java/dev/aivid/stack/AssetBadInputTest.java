package dev.aivid.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.App;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad uploads to POST /v1/assets: each is refused with a 4xx problem whose code is stable and whose detail names the
 * problem, nothing is stored for the tenant, and a valid upload afterwards still works.
 */
class AssetBadInputTest {
  private static final String VALID_BVH =
      """
      HIERARCHY
      ROOT Hips
      {
        OFFSET 0 0 0
        CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
        End Site
        {
          OFFSET 0 1 0
        }
      }
      MOTION
      Frames: 3
      Frame Time: 0.0333333
      0 0 0 0 0 0
      1 0 0 0 0 0
      2 0 0 0 0 0
      """;

  private static final String BVH_HEADER =
      """
      HIERARCHY
      ROOT Hips
      {
        OFFSET 0 0 0
        CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
        End Site
        {
          OFFSET 0 1 0
        }
      }
      MOTION
      """;

  private static final String VALID_CAMERA_PATH =
      """
      {
        "version": 1,
        "fps": 24,
        "keyframes": [
          { "time": 0, "position": [0, 1.5, 5], "look_at": [0, 1, 0], "fov": 50 },
          { "time": 2, "position": [4, 1.5, 3], "rotation": { "yaw": 53.1, "pitch": -5.7 }, "fov": 45 }
        ]
      }
      """;

  private App app;
  private TestServers.Tenant tenant;
  private Http http;

  @BeforeEach
  void setUp() {
    app = TestServers.shared();
    tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  // ---- BVH ----

  @Test
  void aTruncatedBvhIsRefusedAsUnreadableMotionAndNothingIsStored() {
    String bvh = BVH_HEADER + "Frames: 3\nFrame Time: 0.0333333\n0 0 0 0 0 0\n";
    Http.Response response = upload("walk.bvh", utf8(bvh));
    assertProblem(response, 422, "unreadable_motion", "file");
    assertThat(detail(response)).contains("input ends").contains("frames");
    assertNothingStoredAndAValidUploadStillWorks("walk.bvh", utf8(VALID_BVH));
  }

  @Test
  void aBvhWhoseFrameValuesAreCutOffMidLineIsRefusedAsTruncated() {
    String bvh = BVH_HEADER + "Frames: 2\nFrame Time: 0.0333333\n0 0 0 0 0 0\n1 0 0";
    Http.Response response = upload("cut.bvh", utf8(bvh));
    assertProblem(response, 422, "unreadable_motion", "file");
    assertThat(detail(response)).contains("input ends").contains("1 of 2");
    assertNothingStoredAndAValidUploadStillWorks("walk.bvh", utf8(VALID_BVH));
  }

  @Test
  void aBvhWithANanChannelValueIsRefusedNamingTheNan() {
    String bvh = BVH_HEADER + "Frames: 2\nFrame Time: 0.0333333\n0 0 0 0 0 0\n0 0 NaN 0 0 0\n";
    Http.Response response = upload("nan.bvh", utf8(bvh));
    assertProblem(response, 422, "unreadable_motion", "file");
    assertThat(detail(response)).contains("NaN").contains("channel value");
    assertNothingStoredAndAValidUploadStillWorks("walk.bvh", utf8(VALID_BVH));
  }

  @Test
  void aBvhFrameWithTooFewValuesIsRefusedNamingTheCounts() {
    String bvh = BVH_HEADER + "Frames: 2\nFrame Time: 0.0333333\n0 0 0\n1 0 0 0 0 0\n";
    Http.Response response = upload("short.bvh", utf8(bvh));
    assertProblem(response, 422, "unreadable_motion", "file");
    assertThat(detail(response)).contains("frame 0 has 3 values").contains("6 channels");
    assertNothingStoredAndAValidUploadStillWorks("walk.bvh", utf8(VALID_BVH));
  }

  @Test
  void anAbsurdlyDeepBvhHierarchyIsRefusedWithoutOverflowingTheStack() {
    int depth = 300;
    StringBuilder bvh = new StringBuilder("HIERARCHY\nROOT Hips\n{\nOFFSET 0 0 0\nCHANNELS 3 Xrotation Yrotation Zrotation\n");
    for (int i = 0; i < depth; i++) {
      bvh.append("JOINT j").append(i).append("\n{\nOFFSET 0 1 0\n");
    }
    bvh.append("End Site\n{\nOFFSET 0 1 0\n}\n");
    bvh.append("}\n".repeat(depth + 1));
    bvh.append("MOTION\nFrames: 1\nFrame Time: 0.0333333\n0 0 0\n");
    Http.Response response = upload("deep.bvh", utf8(bvh.toString()));
    assertProblem(response, 422, "unreadable_motion", "file");
    assertThat(detail(response)).contains("nested deeper than 256");
    assertNothingStoredAndAValidUploadStillWorks("walk.bvh", utf8(VALID_BVH));
  }

  @Test
  void aBvhDeclaringTenMillionFramesIsRefusedQuicklyBeforeAnythingIsAllocated() {
    String bvh = BVH_HEADER + "Frames: 10000000\nFrame Time: 0.0333333\n0 0 0 0 0 0\n";
    long started = System.nanoTime();
    Http.Response response = upload("huge.bvh", utf8(bvh));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertProblem(response, 422, "unreadable_motion", "file");
    assertThat(detail(response)).contains("Frames: 10000000").contains("1000000");
    assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
    assertNothingStoredAndAValidUploadStillWorks("walk.bvh", utf8(VALID_BVH));
  }

  // ---- Camera path JSON ----

  @Test
  void aCameraPathWhoseTimesGoBackwardsIsRefusedAsUnreadableData() {
    String json =
        """
        {"version": 1, "keyframes": [
          {"time": 0, "position": [0, 1, 5], "look_at": [0, 1, 0], "fov": 50},
          {"time": 2, "position": [1, 1, 5], "look_at": [0, 1, 0], "fov": 50},
          {"time": 1, "position": [2, 1, 5], "look_at": [0, 1, 0], "fov": 50}
        ]}
        """;
    Http.Response response = upload("path.json", utf8(json));
    assertProblem(response, 422, "unreadable_data", "file");
    assertThat(detail(response)).contains("keyframe 2").contains("not after keyframe 1");
    assertNothingStoredAndAValidUploadStillWorks("path.json", utf8(VALID_CAMERA_PATH));
  }

  @Test
  void aCameraPathWithEqualTimesIsRefusedAsNotIncreasing() {
    String json =
        """
        {"version": 1, "keyframes": [
          {"time": 1, "position": [0, 1, 5], "look_at": [0, 1, 0], "fov": 50},
          {"time": 1, "position": [1, 1, 5], "look_at": [0, 1, 0], "fov": 50}
        ]}
        """;
    Http.Response response = upload("path.json", utf8(json));
    assertProblem(response, 422, "unreadable_data", "file");
    assertThat(detail(response)).contains("not after keyframe 0");
    assertNothingStoredAndAValidUploadStillWorks("path.json", utf8(VALID_CAMERA_PATH));
  }

  @Test
  void aCameraPathWithANumberTooLargeForADoubleIsRefusedAsNotFinite() {
    String json =
        """
        {"version": 1, "keyframes": [
          {"time": 0, "position": [1e999, 1, 5], "look_at": [0, 1, 0], "fov": 50}
        ]}
        """;
    Http.Response response = upload("path.json", utf8(json));
    assertProblem(response, 422, "unreadable_data", "file");
    assertThat(detail(response)).contains("keyframes[0].position[0]").contains("Infinity").contains("finite");
    assertNothingStoredAndAValidUploadStillWorks("path.json", utf8(VALID_CAMERA_PATH));
  }

  @Test
  void aCameraPathWithAPythonNanLiteralIsRefusedAsNotFinite() {
    String json =
        """
        {"version": 1, "keyframes": [
          {"time": 0, "position": [0, 1, 5], "look_at": [0, 1, 0], "fov": NaN}
        ]}
        """;
    Http.Response response = upload("path.json", utf8(json));
    assertProblem(response, 422, "unreadable_data", "file");
    assertThat(detail(response)).contains("fov").contains("NaN").contains("finite");
    assertNothingStoredAndAValidUploadStillWorks("path.json", utf8(VALID_CAMERA_PATH));
  }

  @Test
  void aCameraPathWithAStringWhereANumberBelongsIsRefusedNamingTheMember() {
    String json =
        """
        {"version": 1, "keyframes": [
          {"time": "soon", "position": [0, 1, 5], "look_at": [0, 1, 0], "fov": 50}
        ]}
        """;
    Http.Response response = upload("path.json", utf8(json));
    assertProblem(response, 422, "unreadable_data", "file");
    assertThat(detail(response)).contains("keyframes[0].time").contains("number");
    assertNothingStoredAndAValidUploadStillWorks("path.json", utf8(VALID_CAMERA_PATH));
  }

  @Test
  void aCameraPathWithANonInvertibleMatrixIsRefusedAsSingular() {
    String json =
        """
        {"version": 1, "keyframes": [
          {"time": 0, "matrix": [[0, 0, 0, 1], [0, 0, 0, 2], [0, 0, 0, 3], [0, 0, 0, 1]], "fov": 50}
        ]}
        """;
    Http.Response response = upload("path.json", utf8(json));
    assertProblem(response, 422, "unreadable_data", "file");
    assertThat(detail(response)).contains("keyframes[0].matrix").contains("singular");
    assertNothingStoredAndAValidUploadStillWorks("path.json", utf8(VALID_CAMERA_PATH));
  }

  // ---- Size ----

  @Test
  void anUploadLargerThanTheServerAcceptsIsRefusedWith413NamingTheFileField() {
    // Images may be 20 MiB, but the test server accepts at most 2 MiB per upload: 3 MiB of PNG-looking bytes.
    byte[] png = TestImages.png(8, 8, Color.RED);
    byte[] big = Arrays.copyOf(png, 3 * 1024 * 1024);
    Http.Response response = upload("huge.png", big);
    assertThat(response.status()).as(response.text()).isEqualTo(413);
    assertThat(response.json().path("code").asText()).isIn("request_too_large", "asset_too_large");
    assertThat(detail(response)).isNotBlank();
    assertThat(response.json().path("param").asText()).as(response.text()).isEqualTo("file");
    assertNothingStoredAndAValidUploadStillWorks("small.png", TestImages.png(16, 16, Color.BLUE));
  }

  // ---- helpers ----

  private Http.Response upload(String fileName, byte[] content) {
    Multipart body = new Multipart().file("file", fileName, "application/octet-stream", content);
    return http.post("/v1/assets", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String detail(Http.Response response) {
    return response.json().path("detail").asText();
  }

  private static void assertProblem(Http.Response response, int status, String code, String param) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(response.json().path("code").asText()).as(response.text()).isEqualTo(code);
    assertThat(response.json().path("param").asText()).as(response.text()).isEqualTo(param);
    assertThat(response.json().path("status").asInt()).isEqualTo(status);
    assertThat(detail(response)).isNotBlank();
  }

  private long assetRows() {
    return app.database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("select count(*) from assets where organization_id = :org")
                    .bind("org", tenant.organization().id())
                    .mapTo(Long.class)
                    .one());
  }

  private void assertNothingStoredAndAValidUploadStillWorks(String fileName, byte[] valid) {
    assertThat(assetRows()).as("asset rows after the refused upload").isZero();
    Http.Response ok = upload(fileName, valid);
    assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    assertThat(assetRows()).as("asset rows after a valid upload").isEqualTo(1);
  }
}
