package dev.aivid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's session, cookie and CSRF rules over plain HTTP (the browser tests cover the pages). */
class DashboardSessionTest {
  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
  private final App app = TestServers.shared();
  private final TestServers.Tenant tenant = TestServers.newTenant(app);
  private final Http anonymous = new Http(tenant.baseUrl(), null);

  @Test
  void signingInSetsAnHttpOnlyStrictSessionCookieThatIsSecureBehindTls() {
    Http.Response plain = signIn(tenant.apiKey(), null);
    Http.Response proxied = signIn(tenant.apiKey(), "https");

    assertThat(plain.status()).isEqualTo(303);
    assertThat(plain.header("Location")).isEqualTo("/");
    assertThat(plain.header("Set-Cookie"))
        .startsWith("aivid_session=")
        .contains("HttpOnly", "SameSite=Strict", "Path=/")
        .doesNotContain("Secure");
    assertThat(proxied.header("Set-Cookie")).contains("; Secure");
  }

  @Test
  void aWrongKeyIsRefusedWithTheSignInPageAgainAndNoCookie() {
    Http.Response response = signIn("aivid_not_a_real_key_at_all_000000", null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Set-Cookie")).isNull();
    assertThat(response.text()).contains("That API key is not valid.");
  }

  @Test
  void pagesNeedASessionAndCarryAContentSecurityPolicyWithoutInlineScript() {
    assertThat(anonymous.get("/").status()).isEqualTo(303);
    String cookie = cookie(signIn(tenant.apiKey(), null));

    Http.Response home = withCookie("/", cookie);

    assertThat(home.status()).isEqualTo(200);
    assertThat(home.header("Content-Security-Policy")).contains("default-src 'self'").doesNotContain("unsafe-inline");
    assertThat(home.text()).contains("<html lang=\"en\">", "<main id=\"main\"").doesNotContain("<script>");
  }

  @Test
  void theApiTakesTheCookieForReadsButAStateChangeNeedsTheCsrfHeader() {
    String cookie = cookie(signIn(tenant.apiKey(), null));
    String csrf = csrf(withCookie("/", cookie).text());

    Http.Response read = withCookie("/v1/credits", cookie);
    Http.Response withoutToken = postWithCookie("/v1/keys", cookie, null);
    Http.Response wrongToken = postWithCookie("/v1/keys", cookie, csrf + "x");
    Http.Response withToken = postWithCookie("/v1/keys", cookie, csrf);

    assertThat(read.status()).isEqualTo(200);
    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(withoutToken.text()).contains("csrf_failed");
    assertThat(wrongToken.status()).isEqualTo(403);
    assertThat(withToken.status()).as(withToken.text()).isEqualTo(201);
  }

  @Test
  void anUnknownPageIsAnHtml404InsideTheLayoutWhileUnknownApiPathsKeepTheJson404() {
    String cookie = cookie(signIn(tenant.apiKey(), null));

    Http.Response signedIn = withCookie("/no/such/page", cookie);
    Http.Response signedOut = anonymous.get("/no-such-page");
    Http.Response api = withCookie("/v1/no-such-route", cookie);
    Http.Response file = withCookie("/dashboard/static/nope.js", cookie);

    assertThat(signedIn.status()).isEqualTo(404);
    assertThat(signedIn.header("Content-Type")).startsWith("text/html");
    assertThat(signedIn.header("Content-Security-Policy")).contains("default-src 'self'");
    assertThat(signedIn.text()).contains("<title>Not found · AIVid</title>", "<nav aria-label=\"Main\">", "id=\"not-found\"");
    assertThat(signedOut.status()).isEqualTo(404);
    assertThat(signedOut.text()).contains("id=\"not-found\"", "href=\"/sign-in\"").doesNotContain("<nav");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.header("Content-Type")).contains("json");
    assertThat(api.text()).contains("unknown_route");
    assertThat(file.status()).isEqualTo(404);
    assertThat(file.header("Content-Type")).contains("json");
    assertThat(anonymous.send(anonymous.request("/no-such-page").POST(HttpRequest.BodyPublishers.noBody())).text())
        .contains("unknown_route");
  }

  @Test
  void signingOutNeedsTheTokenAndThenTheCookieNoLongerWorks() {
    String cookie = cookie(signIn(tenant.apiKey(), null));
    String csrf = csrf(withCookie("/", cookie).text());

    Http.Response refused = signOut(cookie, "nope");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("csrf_failed");
    assertThat(withCookie("/v1/credits", cookie).status()).isEqualTo(200);

    Http.Response signedOut = signOut(cookie, csrf);
    assertThat(signedOut.status()).isEqualTo(303);
    assertThat(signedOut.header("Set-Cookie")).contains("Max-Age=0");
    assertThat(withCookie("/v1/credits", cookie).status()).isEqualTo(401);
    assertThat(withCookie("/", cookie).status()).isEqualTo(303);
  }

  @Test
  void revokingTheKeyEndsItsSessions() {
    var member = app.accounts().createKey(tenant.organization(), "editor", ApiKeyRole.MEMBER);
    String cookie = cookie(signIn(member.secret(), null));
    assertThat(withCookie("/v1/credits", cookie).status()).isEqualTo(200);

    app.accounts().revokeKey(tenant.organization().id(), member.key().id());

    assertThat(withCookie("/v1/credits", cookie).status()).isEqualTo(401);
  }

  @Test
  void membersAreNotOfferedKeyOrProviderManagementAndTheApiRefusesThemToo() {
    var member = app.accounts().createKey(tenant.organization(), "editor", ApiKeyRole.MEMBER);
    String cookie = cookie(signIn(member.secret(), null));
    String csrf = csrf(withCookie("/", cookie).text());

    String settings = withCookie("/settings", cookie).text();

    assertThat(settings).contains("member-note").doesNotContain("keys-section", "providers-section");
    assertThat(postWithCookie("/v1/keys", cookie, csrf).status()).isEqualTo(403);
  }

  @Test
  void anotherOrganisationsRenderAnswersNotFound() {
    TestServers.Tenant other = TestServers.newTenant(app);
    String videoId =
        new Http(other.baseUrl(), other.apiKey())
            .postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"theirs\",\"seconds\":\"1\",\"size\":\"320x180\"}")
            .json()
            .path("id")
            .asText();
    String cookie = cookie(signIn(tenant.apiKey(), null));

    Http.Response page = withCookie("/renders/" + videoId, cookie);

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.text()).contains("not-found").doesNotContain("theirs");
    assertThat(withCookie("/v1/videos/" + videoId, cookie).status()).isEqualTo(404);
  }

  @Test
  void bearerClientsAreUnaffectedByCookiesAndNeedNoCsrfToken() {
    Http bearer = new Http(tenant.baseUrl(), tenant.apiKey());

    Http.Response created =
        bearer.send(
            bearer.request("/v1/keys").header("Cookie", "aivid_session=garbage").POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(created.status()).isEqualTo(201);
  }

  @Test
  void everyScriptOfTheDashboardTogetherStaysUnderOneHundredKilobytes() {
    String cookie = cookie(signIn(tenant.apiKey(), null));
    long total = 0;
    for (String script : java.util.List.of("common", "home", "create", "renders", "render", "storyboard", "models", "settings")) {
      Http.Response file = withCookie("/dashboard/static/" + script + ".js", cookie);
      assertThat(file.status()).as(script).isEqualTo(200);
      assertThat(file.header("Content-Type")).startsWith("text/javascript");
      total += file.body().length;
    }

    assertThat(total).isLessThan(100 * 1024);
    assertThat(anonymous.get("/dashboard/static/..%2Fopenapi.json").status()).isEqualTo(404);
  }

  private Http.Response signIn(String key, String forwardedProto) {
    HttpRequest.Builder request =
        anonymous
            .request("/sign-in")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)));
    if (forwardedProto != null) {
      request.header("X-Forwarded-Proto", forwardedProto);
    }
    return anonymous.send(request);
  }

  private Http.Response signOut(String cookie, String csrf) {
    return anonymous.send(
        anonymous
            .request("/sign-out")
            .header("Cookie", cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("csrf_token=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))));
  }

  private Http.Response withCookie(String path, String cookie) {
    return anonymous.send(anonymous.request(path).header("Cookie", cookie).GET());
  }

  private Http.Response postWithCookie(String path, String cookie, String csrf) {
    HttpRequest.Builder request =
        anonymous.request(path).header("Cookie", cookie).header("Content-Type", "application/json");
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    return anonymous.send(request.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"from the dashboard\"}")));
  }

  private static String cookie(Http.Response signIn) {
    String header = signIn.header("Set-Cookie");
    assertThat(header).as("Set-Cookie").isNotNull();
    return header.substring(0, header.indexOf(';'));
  }

  private static String csrf(String html) {
    Matcher matcher = CSRF_META.matcher(html);
    assertThat(matcher.find()).as("csrf meta tag").isTrue();
    return matcher.group(1);
  }
}
