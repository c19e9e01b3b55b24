package dev.aivid.dashboard.internal;

import static dev.aivid.dashboard.internal.Html.escape;

import dev.aivid.media.qc.QcThresholds;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's HTML. Pages are shells: the data arrives from the /v1 API through each page's
 * script module, which writes it with textContent. Values the server puts in (ids, the CSRF token,
 * error text) go through {@link Html#escape}.
 */
public final class Pages {
  private Pages() {}

  /** Who the page is for; null on the sign-in page. */
  public record Viewer(String csrfToken, boolean isAdmin, String keyId) {}

  public static String signIn(@Nullable String error) {
    String alert =
        error == null ? "" : "<p class=\"error\" role=\"alert\" id=\"sign-in-error\">" + escape(error) + "</p>";
    String main =
        """
        <h1>Sign in to AIVid</h1>
        <p>One login for credits, models, stacks, renders and keys. Paste an API key; the dashboard acts with
        its role.</p>
        %s
        <form method="post" action="/sign-in" class="card narrow">
          <label for="api-key">API key</label>
          <input id="api-key" name="api_key" type="password" autocomplete="off" required
                 spellcheck="false" placeholder="aivid_…">
          <button type="submit" id="sign-in">Sign in</button>
        </form>
        """
            .formatted(alert);
    return layout("Sign in", "sign-in", null, main, null);
  }

  public static String home() {
    return """
        <h1>Home</h1>
        <section aria-labelledby="credits-heading" class="card">
          <h2 id="credits-heading">Credits</h2>
          <p id="low-balance" class="warning" role="alert" hidden></p>
          <dl class="balance" aria-live="polite" aria-atomic="true">
            <div><dt>Available</dt><dd id="available">…</dd></div>
            <div><dt>Held</dt><dd id="held">…</dd></div>
            <div><dt>Spent</dt><dd id="spent">…</dd></div>
          </dl>
          <p class="muted">Live balance: <span id="stream-state">connecting…</span></p>
        </section>
        <div class="columns">
          <section aria-labelledby="by-model-heading" class="card">
            <h2 id="by-model-heading">Spend per model</h2>
            <div id="chart-model" class="chart"></div>
          </section>
          <section aria-labelledby="by-day-heading" class="card">
            <h2 id="by-day-heading">Spend per day</h2>
            <div id="chart-day" class="chart"></div>
          </section>
        </div>
        <section aria-labelledby="running-heading" class="card">
          <h2 id="running-heading">Running renders</h2>
          <ul id="running" class="plain" aria-live="polite"></ul>
        </section>
        """;
  }

  public static String renders() {
    return """
        <h1>Renders</h1>
        <form id="filters" class="inline" role="search" aria-label="Filter renders">
          <label for="filter-status">Status</label>
          <select id="filter-status" name="status">
            <option value="">any</option><option value="queued">queued</option>
            <option value="in_progress">in progress</option><option value="completed">completed</option>
            <option value="failed">failed</option>
          </select>
          <label for="filter-model">Model</label>
          <input id="filter-model" name="model" type="text" placeholder="any" aria-describedby="filter-model-help">
          <span id="filter-model-help" class="visually-hidden">Part of a model id, for example previz</span>
          <button type="submit">Filter</button>
          <span id="renders-count" class="muted"></span>
        </form>
        <p id="renders-live" class="visually-hidden" role="status" aria-live="polite"></p>
        <table id="renders" class="table">
          <caption class="visually-hidden">Your renders, newest first</caption>
          <thead><tr><th scope="col">Video</th><th scope="col">Prompt</th><th scope="col">Model</th>
            <th scope="col">Status</th><th scope="col">Progress</th><th scope="col">Created</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody></tbody>
        </table>
        <p id="renders-empty" class="muted" hidden>No renders yet. <a href="/create">Create one</a>.</p>
        <p id="renders-none-match" class="muted" hidden>No render matches these filters.</p>
        """;
  }

  public static String render(String videoId) {
    return """
        <h1>Render <code id="video-id">%s</code></h1>
        <div class="columns" data-video-id="%s" id="render">
          <section aria-labelledby="player-heading" class="card">
            <h2 id="player-heading">Player</h2>
            <p>Status: <strong id="status" aria-live="polite">…</strong>
              <progress id="progress" max="100" value="0" aria-label="Progress"></progress>
              <span id="progress-text" aria-live="polite"></span></p>
            <p id="error" class="error" hidden></p>
            <div id="player"></div>
            <p class="actions">
              <a id="download" class="button" hidden>Download MP4</a>
              <button type="button" id="cancel" hidden>Cancel</button>
              <button type="button" id="delete" hidden>Delete</button>
            </p>
            <p><a id="remix-create" class="button" hidden>Remix in Create</a></p>
            <form id="remix" hidden>
              <label for="remix-prompt">Or remix here with a new prompt (same model, length and size)</label>
              <textarea id="remix-prompt" required rows="2"></textarea>
              <button type="submit">Remix</button>
            </form>
          </section>
          <section aria-labelledby="details-heading" class="card">
            <h2 id="details-heading">Details</h2>
            <dl class="facts">
              <div><dt>Prompt</dt><dd id="prompt"></dd></div>
              <div><dt>Model</dt><dd id="model"></dd></div>
              <div><dt>Credits</dt><dd id="charge"></dd></div>
            </dl>
            <h3>Routing</h3>
            <div id="routing"></div>
            <h3>Quality checks</h3>
            <div id="qc" data-thresholds="%s"></div>
          </section>
        </div>
        """
        .formatted(escape(videoId), escape(videoId), escape(QC_THRESHOLDS));
  }

  /** The limits behind QC findings, from the media module, so the QC table names the same numbers. */
  private static final String QC_THRESHOLDS =
      "{\"black_video_fraction\":%s,\"black_segment_minimum_seconds\":%s,\"frozen_video_fraction\":%s,"
              .formatted(
                  QcThresholds.BLACK_VIDEO_FRACTION,
                  QcThresholds.BLACK_SEGMENT_MINIMUM_SECONDS,
                  QcThresholds.FROZEN_VIDEO_FRACTION)
          + "\"freeze_minimum_seconds\":%s,\"flicker_minimum_score\":%s,\"frame_rate_relative_tolerance\":%s}"
              .formatted(
                  QcThresholds.FREEZE_MINIMUM_SECONDS,
                  QcThresholds.FLICKER_MINIMUM_SCORE,
                  QcThresholds.FRAME_RATE_RELATIVE_TOLERANCE);

  public static String storyboards() {
    return """
        <h1>Storyboards</h1>
        <table id="storyboards" class="table">
          <caption class="visually-hidden">Your storyboards, newest first</caption>
          <thead><tr><th scope="col">Storyboard</th><th scope="col">Status</th><th scope="col">Shots</th>
            <th scope="col">Models</th><th scope="col">Credits</th><th scope="col">Created</th></tr></thead>
          <tbody></tbody>
        </table>
        <p id="storyboards-empty" class="muted" hidden>No storyboards yet: create one with
          <code>POST /v1/storyboards</code>.</p>
        <p id="storyboards-error" class="error" role="alert" hidden></p>
        <p><button type="button" id="storyboards-more" hidden>Load more</button></p>
        """;
  }

  public static String storyboard(String storyboardId) {
    return """
        <h1>Storyboard <code>%s</code></h1>
        <section class="card" id="storyboard" data-storyboard-id="%s" aria-labelledby="timeline-heading">
          <p>Status: <strong id="status" aria-live="polite">…</strong></p>
          <h2 id="timeline-heading">Timeline</h2>
          <ol id="timeline" class="timeline"></ol>
          <ul id="legend" class="plain legend"></ul>
          <h2>Stitched result</h2>
          <div id="player"></div>
        </section>
        """
        .formatted(escape(storyboardId), escape(storyboardId));
  }

  public static String create() {
    return """
        <h1>Create</h1>
        <p id="remix-note" class="muted" role="status" hidden></p>
        <div class="columns">
          <section aria-labelledby="stack-heading" class="card">
            <h2 id="stack-heading">Stack <span id="stack-count" class="muted">0 / 12</span></h2>
            <div id="drop" class="drop">
              <p id="drop-help">Drop up to 12 files here, or choose them:</p>
              <label for="files">Files</label>
              <input id="files" type="file" multiple aria-describedby="drop-help">
            </div>
            <p id="stack-error" class="error" role="alert" hidden></p>
            <ol id="entries" class="entries"></ol>
            <div class="inline">
              <label for="frame-rate">Frame rate</label>
              <input id="frame-rate" type="number" min="1" max="120" step="1">
              <label for="seed">Seed</label>
              <input id="seed" type="number" min="0" step="1">
            </div>
          </section>
          <section aria-labelledby="prompt-heading" class="card">
            <h2 id="prompt-heading">Prompt</h2>
            <label for="prompt">Prompt (type @ to mention a stack entry)</label>
            <div class="autocomplete">
              <textarea id="prompt" rows="6" aria-autocomplete="list" aria-controls="mentions"
                aria-describedby="prompt-help"></textarea>
              <p id="prompt-help" class="visually-hidden">Arrow keys choose a mention, Enter or Tab inserts it, Escape
                closes the list.</p>
              <ul id="mentions" role="listbox" class="suggestions" hidden aria-label="Mentions"></ul>
            </div>
            <div class="inline">
              <label for="seconds">Seconds</label>
              <input id="seconds" type="number" min="1" max="20" value="4">
              <label for="size">Size</label>
              <select id="size"><option value="640x360">640x360</option><option value="1280x720" selected>1280x720</option>
                <option value="720x1280">720x1280</option></select>
            </div>
            <div class="inline">
              <label for="model">Model or policy</label>
              <select id="model"><option value="">automatic (routing policy)</option></select>
              <label for="policy">Policy</label>
              <select id="policy"><option value="">quality (default)</option><option value="balanced">balanced</option>
                <option value="cheapest">cheapest</option><option value="fastest">fastest</option></select>
            </div>
            <p class="actions">
              <button type="button" id="preview">Preview</button>
              <button type="button" id="render" class="primary">Render</button>
            </p>
            <p id="create-error" class="error" role="alert" hidden></p>
            <div id="preview-player"></div>
          </section>
        </div>
        <section aria-labelledby="preflight-heading" class="card">
          <h2 id="preflight-heading">Preflight <span id="preflight-state" class="muted" aria-live="polite"></span></h2>
          <p id="recommendation"></p>
          <table id="preflight" class="table">
            <thead><tr><th scope="col">Model</th><th scope="col">Verdict</th><th scope="col">Credits</th>
              <th scope="col">Findings</th></tr></thead>
            <tbody></tbody>
          </table>
        </section>
        """;
  }

  public static String models() {
    return """
        <h1>Models</h1>
        <table id="models" class="table">
          <caption class="visually-hidden">The model catalog with prices in credits</caption>
          <thead><tr><th scope="col">Model</th><th scope="col">Provider</th><th scope="col">Status</th>
            <th scope="col">Price</th><th scope="col">Scores</th><th scope="col">Capabilities</th>
            <th scope="col">Provider key</th></tr></thead>
          <tbody></tbody>
        </table>
        """;
  }

  public static String settings(boolean isAdmin) {
    String adminSections =
        !isAdmin
            ? "<p class=\"muted\" id=\"member-note\">Your key has the member role: API keys and provider"
                + " credentials are managed by admins.</p>"
            : """
            <section aria-labelledby="keys-heading" class="card" id="keys-section">
              <h2 id="keys-heading">API keys</h2>
              <form id="new-key" class="inline">
                <label for="key-name">Name</label>
                <input id="key-name" required maxlength="100">
                <label for="key-role">Role</label>
                <select id="key-role"><option value="member">member</option><option value="admin">admin</option></select>
                <button type="submit">Create key</button>
              </form>
              <div id="new-key-secret" class="secret" hidden role="status">
                <p>Copy this key now; it is shown only once:</p>
                <code id="new-key-value"></code>
              </div>
              <table id="keys" class="table">
                <thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Role</th>
                  <th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody></tbody>
              </table>
            </section>
            <section aria-labelledby="providers-heading" class="card" id="providers-section">
              <h2 id="providers-heading">Provider credentials</h2>
              <p class="muted">Write-only: a saved secret is never shown again.</p>
              <form id="provider-form" class="inline">
                <label for="provider-name">Provider</label>
                <select id="provider-name"></select>
                <label for="provider-field">Field</label>
                <input id="provider-field" value="api_key" required size="10">
                <label for="provider-key">Secret</label>
                <input id="provider-key" type="password" autocomplete="off" required>
                <button type="submit">Save</button>
              </form>
              <ul id="providers" class="plain"></ul>
            </section>
            """;
    return """
        <h1>Settings</h1>
        %s
        <p id="settings-status" class="muted" role="status" aria-live="polite"></p>
        <section aria-labelledby="budgets-heading" class="card">
          <h2 id="budgets-heading">Budgets</h2>
          %s
          <table id="budgets" class="table">
            <caption class="visually-hidden">Budgets</caption>
            <thead><tr><th scope="col">Scope</th><th scope="col">Key or project</th><th scope="col">Limit (credits)</th>
              <th scope="col">Resets</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody></tbody>
          </table>
        </section>
        <section aria-labelledby="webhooks-heading" class="card">
          <h2 id="webhooks-heading">Webhooks</h2>
          %s
          <table id="webhooks" class="table">
            <caption class="visually-hidden">Webhook endpoints</caption>
            <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Description</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody></tbody>
          </table>
          <h3 id="deliveries-heading">Delivery log</h3>
          <table id="deliveries" class="table" aria-labelledby="deliveries-heading">
            <thead><tr><th scope="col">Event</th><th scope="col">Endpoint</th><th scope="col">Status</th>
              <th scope="col">Attempts</th><th scope="col">Last response</th><th scope="col">Created</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody></tbody>
          </table>
        </section>
        <section aria-labelledby="code-heading" class="card">
          <h2 id="code-heading">Code for your last request</h2>
          <p class="muted" id="code-request">No request recorded yet in this tab.</p>
          <div role="tablist" aria-label="Language" id="code-tabs"></div>
          <pre role="tabpanel" aria-labelledby="code-heading" tabindex="0"><code id="code"></code></pre>
        </section>
        """
        .formatted(adminSections, isAdmin ? BUDGET_FORM : "", isAdmin ? WEBHOOK_FORM : "");
  }

  private static final String BUDGET_FORM =
      """
      <form id="budget-form" class="inline">
        <label for="budget-scope">Scope</label>
        <select id="budget-scope"><option value="api_key">API key</option><option value="project">project</option></select>
        <label for="budget-target">Key or project id</label>
        <input id="budget-target" required>
        <label for="budget-limit">Limit (credits)</label>
        <input id="budget-limit" type="number" min="0" step="any" required>
        <label for="budget-period">Resets</label>
        <select id="budget-period"><option value="never">never</option><option value="daily">daily</option>
          <option value="weekly">weekly</option><option value="monthly">monthly</option></select>
        <button type="submit">Save budget</button>
      </form>
      """;

  private static final String WEBHOOK_FORM =
      """
      <form id="webhook-form" class="inline">
        <label for="webhook-url">URL</label>
        <input id="webhook-url" type="url" required placeholder="https://example.com/hooks/aivid">
        <label for="webhook-events">Events</label>
        <input id="webhook-events" required value="video.completed, video.failed">
        <label for="webhook-description">Description</label>
        <input id="webhook-description" maxlength="200">
        <button type="submit">Add webhook</button>
      </form>
      <div id="webhook-secret" class="secret" hidden role="status">
        <p id="webhook-secret-note">Signing secret, shown only once:</p>
        <code id="webhook-secret-value"></code>
      </div>
      """;

  public static String notFound(boolean signedIn) {
    return """
        <h1>Not found</h1>
        <p id="not-found">There is nothing here for your organisation.</p>
        <p>%s</p>
        """
        .formatted(signedIn ? "<a href=\"/\">Back home</a>" : "<a href=\"/sign-in\">Sign in</a>");
  }

  public static String forbidden(String code, String message) {
    return """
        <h1>Refused</h1>
        <p class="error" role="alert"><code>%s</code> %s</p>
        <p><a href="/">Back home</a></p>
        """
        .formatted(escape(code), escape(message));
  }

  /** The frame every page shares: landmarks, skip link, navigation, sign-out with its token. */
  public static String layout(String title, String page, @Nullable Viewer viewer, String main, @Nullable String script) {
    String csrf = viewer == null ? "" : "<meta name=\"csrf-token\" content=\"" + escape(viewer.csrfToken()) + "\">";
    String scriptTag =
        script == null ? "" : "<script type=\"module\" src=\"/dashboard/static/" + escape(script) + "\"></script>";
    String navigation =
        viewer == null
            ? ""
            : """
            <nav aria-label="Main">
              <a href="/">Home</a><a href="/create">Create</a><a href="/renders">Renders</a><a href="/storyboards">Storyboards</a>
              <a href="/models">Models</a><a href="/settings">Settings</a>
              <form method="post" action="/sign-out" class="sign-out">
                <input type="hidden" name="csrf_token" value="%s">
                <button type="submit" id="sign-out">Sign out</button>
              </form>
            </nav>
            """
                .formatted(escape(viewer.csrfToken()));
    String role = viewer == null ? "" : viewer.isAdmin() ? "admin" : "member";
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        %s
        <title>%s · AIVid</title>
        <link rel="stylesheet" href="/dashboard/static/dashboard.css">
        %s
        </head>
        <body data-page="%s" data-role="%s" data-key-id="%s">
        <a class="skip" href="#main">Skip to content</a>
        <header class="top"><span class="brand">AIVid</span>%s</header>
        <main id="main" tabindex="-1">
        %s
        </main>
        <footer class="muted">AIVid dashboard · every action here is a call to the <a href="/openapi.json">API</a></footer>
        </body>
        </html>
        """
        .formatted(csrf, escape(title), scriptTag, escape(page), role, viewer == null ? "" : escape(viewer.keyId()), navigation, main);
  }
}
