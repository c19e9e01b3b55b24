package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /v1/storyboards: the organisation's boards, newest first, one cursor page at a time. */
class StoryboardListApiTest {
  private final TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
  private final Http http = new Http(tenant.baseUrl(), tenant.apiKey());

  @Test
  void boardsAreListedNewestFirstPageByPageWithTheirShotsAndCredits() {
    List<String> created = new ArrayList<>();
    for (int index = 0; index < 3; index++) {
      created.add(createBoard("board " + index));
    }

    JsonNode first = http.get("/v1/storyboards?limit=2").json();
    assertThat(first.path("object").asText()).isEqualTo("list");
    assertThat(ids(first)).containsExactly(created.get(2), created.get(1));
    assertThat(first.path("has_more").asBoolean()).isTrue();
    assertThat(first.path("first_id").asText()).isEqualTo(created.get(2));
    JsonNode board = first.path("data").get(0);
    assertThat(board.path("object").asText()).isEqualTo("storyboard");
    assertThat(board.path("shots")).hasSize(1);
    assertThat(board.path("shots").get(0).path("model").asText()).isEqualTo("local/previz");
    assertThat(new BigDecimal(board.path("credits").path("estimated").asText())).isPositive();

    JsonNode second = http.get("/v1/storyboards?limit=2&after=" + first.path("last_id").asText()).json();
    assertThat(ids(second)).containsExactly(created.get(0));
    assertThat(second.path("has_more").asBoolean()).isFalse();

    assertThat(ids(http.get("/v1/storyboards?order=asc").json())).containsExactlyElementsOf(created);
  }

  @Test
  void anotherOrganisationSeesNoneOfTheBoardsAndCannotUseThemAsACursor() {
    String ours = createBoard("ours only");
    TestServers.Tenant other = TestServers.newTenant(TestServers.shared());
    Http theirs = new Http(other.baseUrl(), other.apiKey());

    assertThat(theirs.get("/v1/storyboards").json().path("data")).isEmpty();
    Http.Response cursor = theirs.get("/v1/storyboards?after=" + ours);
    assertThat(cursor.status()).isEqualTo(400);
    assertThat(cursor.json().path("code").asText()).isEqualTo("invalid_cursor");
  }

  @Test
  void aBadLimitOrOrderIsRefusedAndAMissingKeyIsUnauthorized() {
    assertThat(http.get("/v1/storyboards?limit=0").json().path("code").asText()).isEqualTo("invalid_limit");
    assertThat(http.get("/v1/storyboards?limit=many").status()).isEqualTo(400);
    assertThat(http.get("/v1/storyboards?order=sideways").json().path("code").asText()).isEqualTo("invalid_order");
    assertThat(new Http(tenant.baseUrl(), null).get("/v1/storyboards").status()).isEqualTo(401);
  }

  private String createBoard(String prompt) {
    Http.Response response =
        http.postJson(
            "/v1/storyboards",
            "{\"size\":\"320x180\",\"shots\":[{\"prompt\":\"" + prompt + "\",\"seconds\":\"1\",\"model\":\"local/previz\"}]}");
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.json().path("id").asText();
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("data").forEach(board -> ids.add(board.path("id").asText()));
    return ids;
  }
}
