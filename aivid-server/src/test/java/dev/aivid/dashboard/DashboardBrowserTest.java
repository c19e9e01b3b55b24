package dev.aivid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.App;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against the real server: one browser
 * and one server for the whole class, because every Chromium start costs seconds.
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path EXAMPLE = Path.of("..", "examples", "night-courier").toAbsolutePath().normalize();
  private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static WebDriver browser;
  private static Path profile;
  private static App app;

  @BeforeAll
  static void startBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message = "The dashboard browser tests need /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver; .ci/run does)";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    // Selenium Manager must not look for (or download) a driver: both binaries are given.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    System.setProperty("SE_OFFLINE", "true");
    profile = Files.createTempDirectory("aivid-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
        "--window-size=1280,1400",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(PAGE_TIMEOUT);
    Files.createDirectories(SCREENSHOTS);
    app = TestServers.shared();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @AfterEach
  void forgetTheSession() {
    if (browser != null) {
      browser.manage().deleteAllCookies();
    }
  }

  @Test
  void aDirectorBuildsTheExampleStackPreviewsRendersWatchesItFinishAndDownloadsItWhileTheBalanceDropsByTheCharge() throws IOException {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    signIn(tenant);
    BigDecimal before = new BigDecimal(awaitText(By.id("available"), text -> text.matches("[0-9.]+")));

    browser.get(tenant.baseUrl() + "/create");
    JsonNode manifest = JSON.readTree(EXAMPLE.resolve("stack.json").toFile());
    List<String> files = new ArrayList<>();
    manifest.path("entries").forEach(entry -> {
      if (entry.has("file")) {
        files.add(EXAMPLE.resolve(entry.path("file").asText()).toString());
      }
    });
    browser.findElement(By.id("files")).sendKeys(String.join("\n", files));
    Await.until(() -> browser.findElements(By.cssSelector("#entries > li")).size(), count -> count == files.size(), PAGE_TIMEOUT);
    for (JsonNode entry : manifest.path("entries")) {
      if (entry.has("file")) {
        WebElement item = entryFor(entry.path("file").asText());
        new Select(item.findElement(By.cssSelector("select.kind"))).selectByValue(entry.path("kind").asText());
      }
    }
    browser.findElement(By.id("frame-rate")).sendKeys("24");
    browser.findElement(By.id("seed")).sendKeys("42");
    assertThat(awaitText(By.id("stack-count"), text -> text.startsWith("12"))).isEqualTo("12 / 12");
    assertThat(drawn("skeletal_rig")).isEqualTo("skeleton");
    assertThat(drawn("camera_path")).isEqualTo("camera");
    assertThat(drawn("audio")).isEqualTo("waveform");

    WebElement prompt = browser.findElement(By.id("prompt"));
    prompt.sendKeys("@Ima");
    assertThat(awaitText(By.cssSelector("#mentions li"), text -> !text.isEmpty())).startsWith("@Image1");
    prompt.sendKeys(Keys.ENTER);
    assertThat(prompt.getDomProperty("value")).isEqualTo("@Image1 ");
    prompt.clear();
    prompt.sendKeys(manifest.path("prompt").asText());
    Await.until(
        () -> browser.findElements(By.cssSelector("#preflight tbody tr[data-model='local/previz'] .verdict")).size(),
        count -> count == 1,
        PAGE_TIMEOUT);
    assertThat(browser.findElements(By.cssSelector("#preflight tbody tr"))).hasSizeGreaterThan(1);
    new Select(browser.findElement(By.id("model"))).selectByValue("local/previz");
    WebElement seconds = browser.findElement(By.id("seconds"));
    seconds.clear();
    seconds.sendKeys("3");
    new Select(browser.findElement(By.id("size"))).selectByValue("640x360");

    browser.findElement(By.id("preview")).click();
    Await.until(
        () -> script("const v = document.getElementById('preview-video'); return v ? (v.readyState >= 2 || v.currentTime > 0) : false;"),
        Boolean.TRUE::equals,
        PAGE_TIMEOUT);
    screenshot("create");

    browser.findElement(By.id("render")).click();
    Await.until(browser::getCurrentUrl, url -> url.contains("/renders/video_"), PAGE_TIMEOUT);
    script("window.sameDocument = true;");
    assertThat(awaitText(By.id("status"), text -> text.matches("completed|failed"), Duration.ofSeconds(120))).isEqualTo("completed");
    assertThat(script("return window.sameDocument === true;")).as("updated live, without a reload").isEqualTo(true);
    String href = browser.findElement(By.id("download")).getDomAttribute("href");
    Object brand =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.arrayBuffer())"
                    + ".then(b => done(String.fromCharCode(...new Uint8Array(b.slice(4, 8)))), e => done(String(e)));",
                href);
    assertThat(brand).isEqualTo("ftyp");
    String charged = awaitAttribute(By.id("charge"), "data-charged", text -> !text.isEmpty());
    assertThat(new BigDecimal(charged)).isPositive();
    WebElement duration = Await.until(() -> first(By.cssSelector("#qc table.qc tr[data-check='Duration']")), found -> found != null, PAGE_TIMEOUT);
    assertThat(duration.findElement(By.cssSelector(".result")).getText()).isEqualTo("✓ pass");
    assertThat(duration.findElement(By.cssSelector("td:nth-of-type(1)")).getText()).endsWith(" s");
    assertThat(duration.findElement(By.cssSelector("td:nth-of-type(2)")).getText()).isEqualTo("ordered 3 s");
    assertThat(browser.findElement(By.cssSelector("#qc tr[data-check='Flicker score'] td:nth-of-type(2)")).getText()).startsWith("≥ 0.95");
    screenshot("render");
    script("document.getElementById('qc').scrollIntoView();");
    screenshot("render-qc");

    browser.findElement(By.id("remix-create")).click();
    Await.until(browser::getCurrentUrl, url -> url.contains("/create?remix=video_"), PAGE_TIMEOUT);
    awaitText(By.id("remix-note"), text -> text.startsWith("Remixing"));
    assertThat(browser.findElement(By.id("remix-note")).getText()).contains("10-file stack");
    assertThat(browser.findElement(By.id("prompt")).getDomProperty("value")).isEqualTo(manifest.path("prompt").asText());
    assertThat(new Select(browser.findElement(By.id("model"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("local/previz");
    assertThat(browser.findElement(By.id("seconds")).getDomProperty("value")).isEqualTo("3");
    assertThat(new Select(browser.findElement(By.id("size"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("640x360");
    assertThat(browser.findElement(By.id("frame-rate")).getDomProperty("value")).isEqualTo("24");
    assertThat(browser.findElement(By.id("seed")).getDomProperty("value")).isEqualTo("42");
    assertThat(browser.findElements(By.cssSelector("#entries > li"))).hasSize(files.size());
    assertThat(new Select(entryFor("courier-walk.bvh").findElement(By.cssSelector("select.kind"))).getFirstSelectedOption().getDomAttribute("value"))
        .isEqualTo("skeletal_rig");
    assertThat(awaitText(By.id("stack-count"), text -> text.startsWith("12"))).isEqualTo("12 / 12");

    browser.get(tenant.baseUrl() + "/renders");
    awaitText(By.cssSelector("#renders tbody .status"), "completed"::equals);
    screenshot("renders");
    assertEveryControlIsLabelled();
    new Select(browser.findElement(By.id("filter-status"))).selectByValue("failed");
    assertThat(browser.findElement(By.id("renders-none-match")).isDisplayed()).isTrue();
    assertThat(browser.findElements(By.cssSelector("#renders tbody tr"))).isEmpty();
    new Select(browser.findElement(By.id("filter-status"))).selectByValue("completed");
    browser.findElement(By.id("filter-model")).sendKeys("previz", Keys.ENTER);
    assertThat(browser.findElements(By.cssSelector("#renders tbody tr"))).hasSize(1);
    assertThat(browser.getCurrentUrl()).endsWith("/renders?status=completed&model=previz");
    browser.navigate().refresh();
    awaitText(By.cssSelector("#renders tbody .status"), "completed"::equals);
    assertThat(new Select(browser.findElement(By.id("filter-status"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("completed");
    WebElement model = browser.findElement(By.id("filter-model"));
    model.clear();
    model.sendKeys("kling", Keys.ENTER);
    assertThat(browser.findElements(By.cssSelector("#renders tbody tr"))).isEmpty();
    assertThat(browser.findElement(By.id("renders-none-match")).isDisplayed()).isTrue();

    browser.get(tenant.baseUrl() + "/");
    String expected = before.subtract(new BigDecimal(charged)).stripTrailingZeros().toPlainString();
    assertThat(awaitText(By.id("available"), text -> text.matches("[0-9.]+") && new BigDecimal(text).compareTo(before) < 0))
        .isEqualTo(expected);
    Await.until(() -> browser.findElements(By.cssSelector("#chart-model svg rect")).size(), count -> count == 1, PAGE_TIMEOUT);
    screenshot("home");
    signOut();
  }

  @Test
  void anAdminCreatesAKeySeenOnceRevokesItAndGetsTheCallAsCode() {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    signIn(tenant);
    browser.get(tenant.baseUrl() + "/settings");
    browser.findElement(By.id("key-name")).sendKeys("ci robot");
    browser.findElement(By.cssSelector("#new-key button[type=submit]")).click();

    String secret = awaitText(By.id("new-key-value"), text -> text.startsWith("aivid_"));
    WebElement row = Await.until(settled(() -> keyRow("ci robot")), found -> found != null, PAGE_TIMEOUT);
    assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualTo("active");
    String code = awaitText(By.id("code"), text -> text.startsWith("curl"));
    assertThat(code).contains("/v1/keys", "$AIVID_API_KEY").doesNotContain(tenant.apiKey(), secret);
    screenshot("settings");
    assertEveryControlIsLabelled();

    row.findElement(By.cssSelector("button.revoke")).click();
    Await.until(
        settled(() -> keyRow("ci robot").findElement(By.cssSelector(".state")).getText()),
        text -> text != null && text.startsWith("revoked"),
        PAGE_TIMEOUT);
    assertThat(new Http(tenant.baseUrl(), secret).get("/v1/credits").status()).isEqualTo(401);

    browser.get(tenant.baseUrl() + "/models");
    WebElement sora = Await.until(() -> first(By.cssSelector("#models tr[data-model='sora-2']")), found -> found != null, PAGE_TIMEOUT);
    assertThat(sora.getText()).contains("retired", "→ auto");
    screenshot("models");
    signOut();
  }

  @Test
  void anAdminEditsABudgetAndAWebhookInPlaceAndRedeliversFromTheDeliveryLog() throws IOException {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    AtomicInteger received = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      signIn(tenant);
      browser.get(tenant.baseUrl() + "/settings");
      String keyId = (String) script("return document.body.dataset.keyId;");
      browser.findElement(By.id("budget-target")).sendKeys(keyId);
      browser.findElement(By.id("budget-limit")).sendKeys("50");
      browser.findElement(By.cssSelector("#budget-form button[type=submit]")).click();
      awaitText(By.cssSelector("#budgets tbody tr[data-budget-id] .limit"), text -> text.matches("[0-9.]+") && new BigDecimal(text).compareTo(new BigDecimal(50)) == 0);
      browser.findElement(By.cssSelector("#budgets tbody tr[data-budget-id] button.edit")).click();
      WebElement limit = browser.findElement(By.cssSelector("#budgets tbody tr[data-budget-id] input[type=number]"));
      assertThat(browser.switchTo().activeElement()).isEqualTo(limit);
      limit.clear();
      limit.sendKeys("75");
      new Select(browser.findElement(By.cssSelector("#budgets tbody tr[data-budget-id] select"))).selectByValue("weekly");
      browser.findElement(By.cssSelector("#budgets tbody tr[data-budget-id] button.save")).click();
      awaitText(By.cssSelector("#budgets tbody tr[data-budget-id] .period"), "weekly"::equals);
      assertThat(new BigDecimal(browser.findElement(By.cssSelector("#budgets tbody tr[data-budget-id] .limit")).getText())).isEqualByComparingTo("75");
      assertThat(browser.findElements(By.cssSelector("#budgets tbody tr[data-budget-id]"))).hasSize(1);
      assertThat(browser.findElement(By.id("settings-status")).getText()).contains("saved");

      String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      browser.findElement(By.id("webhook-url")).sendKeys(hookUrl);
      WebElement events = browser.findElement(By.id("webhook-events"));
      events.clear();
      events.sendKeys("video.completed");
      browser.findElement(By.cssSelector("#webhook-form button[type=submit]")).click();
      awaitText(By.id("webhook-secret-value"), text -> !text.isEmpty());
      String oldHookId = Await.until(settled(() -> first(By.cssSelector("#webhooks tbody tr[data-webhook-id]")).getDomAttribute("data-webhook-id")), id -> id != null, PAGE_TIMEOUT);

      Http http = new Http(tenant.baseUrl(), tenant.apiKey());
      http.postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"a bell rings\",\"seconds\":\"1\",\"size\":\"320x180\"}");
      Await.until(received::get, count -> count == 1, Duration.ofSeconds(120));
      browser.navigate().refresh();
      assertThat(awaitText(By.cssSelector("#deliveries tbody tr[data-delivery-id] .delivery-status"), text -> !text.isEmpty())).isEqualTo("delivered");
      browser.findElement(By.cssSelector("#deliveries button.redeliver")).click();
      Await.until(received::get, count -> count == 2, PAGE_TIMEOUT);
      assertThat(awaitText(By.id("settings-status"), text -> text.contains("queued"))).startsWith("Redelivery of");

      browser.findElement(By.cssSelector("#webhooks tbody tr[data-webhook-id] button.edit")).click();
      WebElement editedEvents = browser.findElement(By.cssSelector("#webhooks tbody tr[data-webhook-id] td:nth-child(2) input"));
      editedEvents.clear();
      editedEvents.sendKeys("video.completed, video.failed");
      browser.findElement(By.cssSelector("#webhooks tbody tr[data-webhook-id] button.save")).click();
      assertThat(awaitText(By.cssSelector("#webhooks tbody tr[data-webhook-id] .events"), text -> text.contains("failed"))).isEqualTo("video.completed, video.failed");
      assertThat(browser.findElements(By.cssSelector("#webhooks tbody tr[data-webhook-id]"))).hasSize(1);
      assertThat(browser.findElement(By.cssSelector("#webhooks tbody tr[data-webhook-id]")).getDomAttribute("data-webhook-id")).isNotEqualTo(oldHookId);
      assertThat(browser.findElement(By.id("webhook-secret-note")).getText()).contains("replacement");
      browser.findElement(By.cssSelector("#budgets tbody tr[data-budget-id] button.edit")).click();
      assertEveryControlIsLabelled();
      screenshot("settings-webhooks");
      signOut();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void theRendersListFollowsAFewRunningRendersOverTheirStreamsAndPollsTheRest() {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());
    int count = 8;
    for (int index = 0; index < count; index++) {
      Http.Response created =
          http.postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"lantern " + index + "\",\"seconds\":\"4\",\"size\":\"640x360\"}");
      assertThat(created.status()).as(created.text()).isEqualTo(200);
    }
    signIn(tenant);
    browser.get(tenant.baseUrl() + "/renders");

    Await.until(
        () -> browser.findElements(By.xpath("//table[@id='renders']//td[@class='status' and text()='completed']")).size(),
        done -> done == count,
        Duration.ofSeconds(180));
    assertThat(browser.findElements(By.cssSelector("#renders progress")))
        .allSatisfy(progress -> assertThat(progress.getDomProperty("value")).isEqualTo("100"));
    long streamed = (Long) script("return window.aividRenders.maxStreams;");
    assertThat(streamed).as("per-video streams open at once").isBetween(1L, 3L);
    assertThat(browser.findElement(By.id("renders-live")).getDomAttribute("aria-live")).isEqualTo("polite");
    signOut();
  }

  @Test
  void aKeyboardOnlyUserBuildsAStackMentionsAnEntryPreviewsAndRenders() {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    signIn(tenant);
    browser.get(tenant.baseUrl() + "/create");
    // Start from the top of a loaded page, whatever the browser focused while it loaded.
    Await.until(() -> script("return document.readyState;"), "complete"::equals, PAGE_TIMEOUT);
    script("document.activeElement.blur();");
    keys(Keys.TAB);
    assertThat(script("return document.activeElement.className;")).isEqualTo("skip");
    keys(Keys.ENTER);
    tabUntil("files");
    assertThat(script("const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth;"))
        .as("visible focus ring").isEqualTo("solid 3px");
    // Choosing files is the operating system's dialog; WebDriver stands in for it on the focused input.
    browser.switchTo().activeElement().sendKeys(EXAMPLE.resolve("courier.png") + "\n" + EXAMPLE.resolve("footsteps.wav"));
    Await.until(() -> browser.findElements(By.cssSelector("#entries > li")).size(), count -> count == 2, PAGE_TIMEOUT);

    tabUntil("kind-0");
    keys("style");
    Await.until(() -> browser.findElement(By.id("kind-0")).getDomProperty("value"), "style_reference"::equals, PAGE_TIMEOUT);
    assertThat(activeId()).as("focus survives the re-render").isEqualTo("kind-0");

    tabUntil("prompt");
    keys("A courier walks past @");
    awaitText(By.cssSelector("#mentions li[aria-selected='true']"), text -> text.startsWith("@Style1"));
    keys(Keys.ARROW_DOWN);
    assertThat(browser.findElement(By.cssSelector("#mentions li[aria-selected='true']")).getDomAttribute("data-token")).isEqualTo("@courier.png");
    assertThat(browser.findElement(By.id("prompt")).getDomAttribute("aria-activedescendant")).isEqualTo("mention-1");
    keys(Keys.ENTER);
    assertThat(browser.findElement(By.id("prompt")).getDomProperty("value")).isEqualTo("A courier walks past @courier.png ");
    assertThat(browser.findElement(By.id("mentions")).isDisplayed()).isFalse();
    keys("@Au");
    awaitText(By.cssSelector("#mentions li"), text -> text.startsWith("@Audio1"));
    keys(Keys.ESCAPE);
    assertThat(browser.findElement(By.id("mentions")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("prompt")).getDomProperty("value")).endsWith("@courier.png @Au");
    keys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, "in the rain");

    tabUntil("seconds");
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys("1").perform();
    tabUntil("size");
    keys("640");
    tabUntil("model");
    Await.until(() -> browser.findElements(By.cssSelector("#model option[value='local/previz']")).size(), count -> count == 1, PAGE_TIMEOUT);
    keys("local/previz");
    assertThat(browser.findElement(By.id("model")).getDomProperty("value")).isEqualTo("local/previz");
    assertThat(browser.findElement(By.id("size")).getDomProperty("value")).isEqualTo("640x360");
    assertEveryControlIsLabelled();

    tabUntil("preview");
    keys(Keys.ENTER);
    Await.until(
        () -> script("const v = document.getElementById('preview-video'); return v ? (v.readyState >= 2 || v.currentTime > 0) : false;"),
        Boolean.TRUE::equals,
        PAGE_TIMEOUT);
    tabUntil("render");
    keys(Keys.ENTER);
    Await.until(browser::getCurrentUrl, url -> url.contains("/renders/video_"), PAGE_TIMEOUT);
    assertThat(awaitText(By.id("status"), text -> text.matches("completed|failed"), Duration.ofSeconds(120))).isEqualTo("completed");
    assertThat(awaitText(By.id("prompt"), text -> !text.isEmpty())).isEqualTo("A courier walks past @courier.png in the rain");
    assertThat(browser.findElement(By.id("status")).getDomAttribute("aria-live")).isEqualTo("polite");
    assertEveryControlIsLabelled();
    signOut();
  }

  @Test
  void scriptInAPromptAndInAFileNameIsShownAsTextAndNeverRuns(@org.junit.jupiter.api.io.TempDir Path directory) throws IOException {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    signIn(tenant);
    Path hostile = directory.resolve("<img src=x onerror=window.pwned=1>.png");
    Files.copy(EXAMPLE.resolve("courier.png"), hostile);
    String attack = "<script>window.pwned=2</script><img src=x onerror=\"window.pwned=3\"> walks";

    browser.get(tenant.baseUrl() + "/create");
    browser.findElement(By.id("files")).sendKeys(hostile.toString());
    assertThat(awaitText(By.cssSelector("#entries .file-name"), text -> !text.isEmpty())).isEqualTo(hostile.getFileName().toString());
    browser.findElement(By.id("prompt")).sendKeys(attack);
    new Select(browser.findElement(By.id("model"))).selectByValue("local/previz");
    new Select(browser.findElement(By.id("size"))).selectByValue("640x360");
    WebElement seconds = browser.findElement(By.id("seconds"));
    seconds.clear();
    seconds.sendKeys("1");
    browser.findElement(By.id("render")).click();
    Await.until(browser::getCurrentUrl, url -> url.contains("/renders/video_"), PAGE_TIMEOUT);

    assertThat(awaitText(By.id("prompt"), text -> !text.isEmpty())).isEqualTo(attack);
    browser.get(tenant.baseUrl() + "/renders");
    awaitText(By.cssSelector("#renders tbody td:nth-child(2)"), text -> !text.isEmpty());
    assertThat(browser.findElement(By.cssSelector("#renders tbody td:nth-child(2)")).getText()).startsWith("<script>");
    assertThat(script("return window.pwned === undefined && document.querySelectorAll('img[src=\"x\"]').length === 0;")).isEqualTo(true);
    assertThatNoAlertIsOpen();
    signOut();
  }

  @Test
  void anotherOrganisationsRenderIsNotFoundAndAStateChangeWithoutTheTokenIsRefused() {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    TestServers.Tenant other = TestServers.newTenant(app);
    Http theirs = new Http(other.baseUrl(), other.apiKey());
    String videoId =
        theirs.postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"not yours\",\"seconds\":\"1\",\"size\":\"320x180\"}").json().path("id").asText();
    Http ours = new Http(tenant.baseUrl(), tenant.apiKey());
    String storyboardId =
        ours.postJson(
                "/v1/storyboards",
                "{\"shots\":[{\"prompt\":\"a street at night\",\"seconds\":\"1\",\"model\":\"local/previz\"},"
                    + "{\"prompt\":\"the courier turns\",\"seconds\":\"2\",\"model\":\"local/previz\"}],\"size\":\"320x180\"}")
            .json()
            .path("id")
            .asText();
    signIn(tenant);

    browser.get(tenant.baseUrl() + "/renders/" + videoId);
    assertThat(browser.getTitle()).startsWith("Not found");
    assertThat(browser.findElement(By.id("not-found")).isDisplayed()).isTrue();
    assertThat(browser.getPageSource()).doesNotContain("not yours");

    Object refused =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/v1/keys', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})"
                    + ".then(r => r.json().then(j => done(r.status + ' ' + j.code)), e => done(String(e)));");
    assertThat(refused).isEqualTo("403 csrf_failed");

    browser.get(tenant.baseUrl() + "/no/such/page");
    assertThat(browser.getTitle()).startsWith("Not found");
    assertThat(browser.findElement(By.id("not-found")).isDisplayed()).isTrue();
    assertThat(browser.findElements(By.id("sign-out"))).as("inside the layout").hasSize(1);
    screenshot("not-found");

    browser.get(tenant.baseUrl() + "/storyboards");
    By boardRow = By.cssSelector("#storyboards tr[data-storyboard-id='" + storyboardId + "']");
    Await.until(() -> browser.findElements(boardRow).size(), count -> count == 1, PAGE_TIMEOUT);
    awaitText(By.cssSelector("#storyboards tbody .status"), "completed"::equals, Duration.ofSeconds(120));
    assertThat(browser.findElements(By.cssSelector("#storyboards tbody tr"))).hasSize(1);
    assertThat(browser.findElement(boardRow).findElement(By.cssSelector(".shots")).getText()).isEqualTo("2 / 2 done");
    assertThat(browser.findElement(boardRow).findElement(By.cssSelector(".models")).getText()).isEqualTo("local/previz");
    assertThat(browser.findElement(boardRow).findElement(By.cssSelector(".credits")).getText()).matches("[0-9.]+ charged of [0-9.]+ estimated");
    screenshot("storyboards");
    assertEveryControlIsLabelled();
    browser.findElement(boardRow).findElement(By.cssSelector("a")).click();
    Await.until(() -> browser.findElements(By.cssSelector("#timeline li")).size(), count -> count == 2, PAGE_TIMEOUT);
    awaitText(By.id("status"), "completed"::equals, Duration.ofSeconds(120));
    Await.until(() -> browser.findElements(By.cssSelector("#player video")).size(), count -> count == 1, PAGE_TIMEOUT);
    screenshot("storyboard");
    signOut();
    screenshot("sign-in");
  }

  private static void keys(CharSequence... keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  private static String activeId() {
    return (String) script("return document.activeElement ? document.activeElement.id : '';");
  }

  /** Presses Tab until the element has focus: it is reachable by keyboard, in a bounded number of steps. */
  private static void tabUntil(String id) {
    for (int presses = 0; presses < 60; presses++) {
      if (id.equals(activeId())) {
        return;
      }
      keys(Keys.TAB);
    }
    fail("Tab never reached #" + id + "; focus is on #" + activeId());
  }

  /** Every form control has a label: a label element, aria-label or aria-labelledby. */
  private static void assertEveryControlIsLabelled() {
    Object unlabelled =
        script(
            "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))"
                + ".map(e => e.id || e.name || e.outerHTML.slice(0, 80));");
    assertThat((List<?>) unlabelled).as("unlabelled controls on " + browser.getCurrentUrl()).isEmpty();
  }

  private void signIn(TestServers.Tenant tenant) {
    browser.get(tenant.baseUrl() + "/sign-in");
    assertEveryControlIsLabelled();
    browser.findElement(By.id("api-key")).sendKeys(tenant.apiKey());
    browser.findElement(By.id("sign-in")).click();
    Await.until(() -> browser.findElements(By.id("sign-out")).size(), count -> count == 1, PAGE_TIMEOUT);
  }

  private void signOut() {
    browser.findElement(By.id("sign-out")).click();
    Await.until(browser::getCurrentUrl, url -> url.endsWith("/sign-in"), PAGE_TIMEOUT);
    assertThat(browser.manage().getCookieNamed(DashboardRoutes.COOKIE)).isNull();
  }

  private WebElement entryFor(String file) {
    return browser.findElements(By.cssSelector("#entries > li")).stream()
        .filter(item -> item.findElement(By.cssSelector(".file-name")).getText().equals(file))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stack entry for " + file));
  }

  private String drawn(String kind) {
    return Await.until(
        settled(() -> {
          WebElement canvas = first(By.cssSelector("canvas[data-preview='" + kind + "']"));
          return canvas == null ? null : canvas.getDomAttribute("data-drawn");
        }),
        value -> value != null,
        PAGE_TIMEOUT);
  }

  private WebElement keyRow(String name) {
    return browser.findElements(By.cssSelector("#keys tbody tr")).stream()
        .filter(row -> row.findElement(By.cssSelector("td")).getText().equals(name))
        .findFirst()
        .orElse(null);
  }

  private static WebElement first(By by) {
    List<WebElement> found = browser.findElements(by);
    return found.isEmpty() ? null : found.getFirst();
  }

  /** A page re-rendering between two calls makes an element stale: that is "not yet", not a failure. */
  private static <T> java.util.function.Supplier<T> settled(java.util.function.Supplier<T> probe) {
    return () -> {
      try {
        return probe.get();
      } catch (org.openqa.selenium.StaleElementReferenceException | NullPointerException e) {
        return null;
      }
    };
  }

  private static String awaitText(By by, java.util.function.Predicate<String> condition) {
    return awaitText(by, condition, PAGE_TIMEOUT);
  }

  private static String awaitText(By by, java.util.function.Predicate<String> condition, Duration timeout) {
    return Await.until(
        settled(() -> {
          WebElement element = first(by);
          return element == null ? "" : element.getText();
        }),
        text -> text != null && condition.test(text),
        timeout);
  }

  private static String awaitAttribute(By by, String attribute, java.util.function.Predicate<String> condition) {
    return Await.until(
        settled(() -> {
          WebElement element = first(by);
          String value = element == null ? null : element.getDomAttribute(attribute);
          return value == null ? "" : value;
        }),
        text -> text != null && condition.test(text),
        PAGE_TIMEOUT);
  }

  private static Object script(String source) {
    return ((JavascriptExecutor) browser).executeScript(source);
  }

  private static void assertThatNoAlertIsOpen() {
    try {
      String text = browser.switchTo().alert().getText();
      fail("an injected script opened an alert: " + text);
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  private static void screenshot(String page) {
    try {
      Files.write(SCREENSHOTS.resolve(page + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
