package dev.aivid.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad request: a clear 4xx naming the field, a stable code, and nothing stored. */
class BadInputTest {
  private App app;
  private TestServers.Tenant tenant;
  private Http http;

  @BeforeEach
  void setUp() {
    app = TestServers.shared();
    tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  @AfterEach
  void nothingWasStored() {
    int rows =
        app.database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("select count(*) from videos where organization_id = :org")
                        .bind("org", tenant.organization().id())
                        .mapTo(Integer.class)
                        .one());
    assertThat(rows).isZero();
  }

  private static void assertOpenAiError(Http.Response response, int status, String code, String param) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    JsonNode error = response.json().path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.path("type").asText()).isNotBlank();
    if (param == null) {
      assertThat(error.path("param").isNull()).isTrue();
    } else {
      assertThat(error.path("param").asText()).isEqualTo(param);
    }
  }

  @Test
  void aRequestWithoutAKeyIsUnauthorised() {
    Http anonymous = new Http(tenant.baseUrl(), null);
    assertOpenAiError(
        anonymous.postJson("/v1/videos", "{\"prompt\":\"x\"}"), 401, "missing_api_key", null);
    assertOpenAiError(anonymous.get("/v1/videos"), 401, "missing_api_key", null);
  }

  @Test
  void anUnknownKeyIsUnauthorised() {
    Http stranger = new Http(tenant.baseUrl(), "aivid_NotARealKey_00000000000000000000000000000000");
    assertOpenAiError(stranger.postJson("/v1/videos", "{\"prompt\":\"x\"}"), 401, "invalid_api_key", null);
  }

  @Test
  void aRevokedKeyIsUnauthorised() {
    Http.Response fresh = http.postJson("/v1/keys", "{\"name\":\"to revoke\"}");
    assertThat(fresh.status()).isEqualTo(201);
    String secret = fresh.json().path("key").asText();
    assertThat(new Http(tenant.baseUrl(), secret).get("/v1/videos").status()).isEqualTo(200);

    assertThat(http.delete("/v1/keys/" + fresh.json().path("id").asText()).status()).isEqualTo(200);

    assertOpenAiError(
        new Http(tenant.baseUrl(), secret).postJson("/v1/videos", "{\"prompt\":\"x\"}"),
        401,
        "revoked_api_key",
        null);
  }

  @Test
  void aMemberKeyCannotManageKeys() {
    String member = http.postJson("/v1/keys", "{\"name\":\"member\",\"role\":\"member\"}").json().path("key").asText();
    Http.Response response = new Http(tenant.baseUrl(), member).get("/v1/keys");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().path("code").asText()).isEqualTo("admin_required");
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void anUnknownModelNamesWhatExists() {
    Http.Response response = http.postJson("/v1/videos", "{\"prompt\":\"x\",\"model\":\"veo-9\"}");
    assertOpenAiError(response, 400, "model_not_found", "model");
    assertThat(response.json().path("error").path("message").asText()).contains("local/previz");
  }

  @ParameterizedTest
  @CsvSource({
    "'\"abc\"', invalid_seconds",
    "'\"0\"', invalid_seconds",
    "'\"-4\"', invalid_seconds",
    "'\"4.5\"', invalid_seconds",
    "'\"301\"', unsupported_seconds",
    "'4.5', invalid_type",
    "'true', invalid_type",
  })
  void secondsMustBeAPositiveWholeNumberWithinTheModelsMaximum(String seconds, String code) {
    assertOpenAiError(
        http.postJson("/v1/videos", "{\"prompt\":\"x\",\"seconds\":" + seconds + "}"),
        400,
        code,
        "seconds");
  }

  @ParameterizedTest
  @CsvSource({
    "big, invalid_size",
    "1280 x 720, invalid_size",
    "1280x, invalid_size",
    "0x720, invalid_size",
    "1281x720, unsupported_size",
    "4000x4000, unsupported_size",
    "8x8, unsupported_size",
  })
  void aMalformedOrUnsupportedSizeIsRejected(String size, String code) {
    assertOpenAiError(
        http.postJson("/v1/videos", "{\"prompt\":\"x\",\"size\":\"" + size + "\"}"), 400, code, "size");
  }

  @Test
  void aPromptWithANulCharacterIsRejectedNotAServerError() {
    assertOpenAiError(http.postJson("/v1/videos", "{\"prompt\":\"a\\u0000b\"}"), 400, "invalid_prompt", "prompt");
    Http.Response stack = http.postJson("/v1/stacks", "{\"prompt\":\"a\\u0000b\",\"entries\":[]}");
    assertThat(stack.status()).isEqualTo(422);
    assertThat(stack.json().path("code").asText()).isEqualTo("invalid_prompt");
  }

  @Test
  void aMissingPromptIsRejected() {
    assertOpenAiError(http.postJson("/v1/videos", "{\"seconds\":\"2\"}"), 400, "missing_prompt", "prompt");
  }

  @Test
  void typedFieldsWithTheWrongTypeAreRejected() {
    assertOpenAiError(http.postJson("/v1/videos", "{\"prompt\":42}"), 400, "invalid_type", "prompt");
    assertOpenAiError(
        http.postJson("/v1/videos", "{\"prompt\":\"x\",\"model\":[1]}"), 400, "invalid_type", "model");
    assertOpenAiError(
        http.postJson("/v1/videos", "{\"prompt\":\"x\",\"input_reference\":\"pic.png\"}"),
        400,
        "invalid_type",
        "input_reference");
  }

  @Test
  void invalidJsonIsRejected() {
    assertOpenAiError(http.postJson("/v1/videos", "{\"prompt\":"), 400, "invalid_json", null);
    assertOpenAiError(http.postJson("/v1/videos", "[1,2]"), 400, "invalid_json", null);
    assertOpenAiError(http.postJson("/v1/videos", ""), 400, "invalid_json", null);
  }

  @Test
  void anInputReferenceThatIsNotAnImageIsRejectedByItsBytes() {
    Multipart body =
        new Multipart()
            .field("prompt", "x")
            .field("size", "64x64")
            .file("input_reference", "frame.png", "image/png", "not an image at all".getBytes());
    assertOpenAiError(
        http.post("/v1/videos", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build())),
        400,
        "invalid_input_reference",
        "input_reference");
  }

  @Test
  void anInputReferenceWhoseSizeDiffersFromTheVideoIsRejected() {
    Multipart body =
        new Multipart()
            .field("prompt", "x")
            .field("size", "64x64")
            .file("input_reference", "frame.png", "image/png", TestImages.png(128, 64, Color.RED));
    assertOpenAiError(
        http.post("/v1/videos", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build())),
        400,
        "input_reference_size_mismatch",
        "input_reference");
    String data = Base64.getEncoder().encodeToString(TestImages.png(32, 32, Color.RED));
    assertOpenAiError(
        http.postJson(
            "/v1/videos",
            "{\"prompt\":\"x\",\"size\":\"64x64\",\"input_reference\":{\"image_url\":\"data:image/png;base64,"
                + data
                + "\"}}"),
        400,
        "input_reference_size_mismatch",
        "input_reference.image_url");
  }

  @Test
  void anImageUrlPointingAtAPrivateAddressIsRefused() {
    Http.Response response =
        http.postJson(
            "/v1/videos",
            "{\"prompt\":\"x\",\"size\":\"64x64\",\"input_reference\":{\"image_url\":\"http://127.0.0.1:"
                + app.port()
                + "/healthz\"}}");
    assertOpenAiError(response, 400, "forbidden_address", "input_reference.image_url");
  }

  @Test
  void aMultipartUploadOverTheLimitIsRejectedWith413() {
    byte[] large = new byte[3 * 1024 * 1024];
    Multipart body =
        new Multipart().field("prompt", "x").file("input_reference", "big.png", "image/png", large);
    assertOpenAiError(
        http.post("/v1/videos", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build())),
        413,
        "request_too_large",
        "input_reference");
  }

  @Test
  void aChunkedMultipartUploadOverTheLimitIsRejectedWith413() {
    byte[] large = new byte[3 * 1024 * 1024];
    Multipart body =
        new Multipart().field("prompt", "x").file("input_reference", "big.png", "image/png", large);
    byte[] bytes = body.build();
    HttpRequest.BodyPublisher chunked =
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    assertOpenAiError(
        http.post("/v1/videos", body.contentType(), chunked), 413, "request_too_large", "input_reference");
  }

  @Test
  void anUnknownVideoIdIsNotFound() {
    assertOpenAiError(http.get("/v1/videos/video_doesnotexist"), 404, "video_not_found", "video_id");
    assertOpenAiError(http.delete("/v1/videos/video_doesnotexist"), 404, "video_not_found", "video_id");
    assertOpenAiError(
        http.postJson("/v1/videos/video_doesnotexist/remix", "{\"prompt\":\"x\"}"),
        404,
        "video_not_found",
        "video_id");
  }

  @Test
  void listParametersAreValidated() {
    assertOpenAiError(http.get("/v1/videos?limit=0"), 400, "invalid_limit", "limit");
    assertOpenAiError(http.get("/v1/videos?limit=abc"), 400, "invalid_limit", "limit");
    assertOpenAiError(http.get("/v1/videos?order=sideways"), 400, "invalid_order", "order");
    assertOpenAiError(http.get("/v1/videos?after=video_nope"), 400, "invalid_cursor", "after");
  }
}
