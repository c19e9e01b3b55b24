package dev.aivid.dashboard;

import dev.aivid.account.Authentication;
import dev.aivid.api.ApiException;
import dev.aivid.api.Route;
import dev.aivid.api.SessionAuthentication;
import dev.aivid.dashboard.internal.Pages;
import dev.aivid.jobs.StoryboardService;
import dev.aivid.jobs.VideoException;
import dev.aivid.jobs.VideoService;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web dashboard at {@code /}: HTML pages and their static files, and the session cookie the
 * pages' scripts use to call the /v1 API. The pages are not API routes, so they stay out of the
 * route table and openapi.json.
 */
public final class DashboardRoutes implements SessionAuthentication {
  public static final String COOKIE = "aivid_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String CSRF_FIELD = "csrf_token";
  private static final Pattern STATIC_NAME = Pattern.compile("[a-z0-9-]{1,40}\\.(js|css)");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; object-src 'none';"
          + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  private final DashboardSessions sessions;
  private final VideoService videos;
  private final StoryboardService storyboards;

  public DashboardRoutes(DashboardSessions sessions, VideoService videos, StoryboardService storyboards) {
    this.sessions = sessions;
    this.videos = videos;
    this.storyboards = storyboards;
  }

  public List<Route> routes() {
    return List.of(
        page("/", "Home", "home", "home.js", (context, session) -> Pages.home()),
        new Route(HandlerType.GET, "/sign-in", Route.Access.PUBLIC, this::signInPage),
        new Route(HandlerType.POST, "/sign-in", Route.Access.PUBLIC, this::signIn),
        new Route(HandlerType.POST, "/sign-out", Route.Access.PUBLIC, this::signOut),
        page("/create", "Create", "create", "create.js", (context, session) -> Pages.create()),
        page("/renders", "Renders", "renders", "renders.js", (context, session) -> Pages.renders()),
        page("/renders/{video_id}", "Render", "render", "render.js", this::renderPage),
        page("/storyboards", "Storyboards", "storyboards", "storyboards.js", (context, session) -> Pages.storyboards()),
        page("/storyboards/{storyboard_id}", "Storyboard", "storyboard", "storyboard.js", this::storyboardPage),
        page("/models", "Models", "models", "models.js", (context, session) -> Pages.models()),
        page(
            "/settings",
            "Settings",
            "settings",
            "settings.js",
            (context, session) -> Pages.settings(session.principal().isAdmin())),
        new Route(HandlerType.GET, "/dashboard/static/{file}", Route.Access.PUBLIC, this::staticFile));
  }

  /** Session cookie for /v1: GETs need only the cookie; every other method also the CSRF header. */
  @Override
  public Authentication authenticate(Context context) {
    String cookie = context.cookie(COOKIE);
    if (cookie == null) {
      return new Authentication.Missing();
    }
    Optional<DashboardSessions.Session> session = sessions.find(cookie);
    if (session.isEmpty()) {
      return new Authentication.Missing();
    }
    if (changesState(context)) {
      requireCsrf(session.get(), context.header(CSRF_HEADER));
    }
    return new Authentication.Authenticated(session.get().principal());
  }

  /** A browser's unknown path gets the 404 page in the layout; /v1 and the static files keep JSON. */
  @Override
  public boolean answerUnknownPath(Context context) {
    String path = context.path();
    boolean api = path.equals("/v1") || path.startsWith("/v1/") || path.startsWith("/dashboard/static/");
    if (api || (context.method() != HandlerType.GET && context.method() != HandlerType.HEAD)) {
      return false;
    }
    Pages.Viewer viewer = session(context).map(DashboardRoutes::viewer).orElse(null);
    html(context, 404, Pages.layout("Not found", "not-found", viewer, Pages.notFound(viewer != null), null));
    return true;
  }

  private static boolean changesState(Context context) {
    HandlerType method = context.method();
    return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
  }

  private static void requireCsrf(DashboardSessions.Session session, @org.jspecify.annotations.Nullable String presented) {
    if (presented == null || !DashboardSessions.csrfMatches(session, presented)) {
      throw new ApiException(
          403, "csrf_failed", null, "This request needs the page's CSRF token in the X-CSRF-Token header.");
    }
  }

  @FunctionalInterface
  private interface PageBody {
    /** The page's main content, or null for 404. */
    @org.jspecify.annotations.Nullable String render(Context context, DashboardSessions.Session session);
  }

  private Route page(String path, String title, String name, String script, PageBody body) {
    return new Route(
        HandlerType.GET,
        path,
        Route.Access.PUBLIC,
        context -> {
          Optional<DashboardSessions.Session> session = session(context);
          if (session.isEmpty()) {
            context.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
          }
          String main = body.render(context, session.get());
          Pages.Viewer viewer = viewer(session.get());
          if (main == null) {
            html(context, 404, Pages.layout("Not found", "not-found", viewer, Pages.notFound(true), null));
          } else {
            html(context, 200, Pages.layout(title, name, viewer, main, script));
          }
        });
  }

  private @org.jspecify.annotations.Nullable String renderPage(Context context, DashboardSessions.Session session) {
    String id = context.pathParam("video_id");
    if (!ID.matcher(id).matches() || videos.find(session.principal(), id).isEmpty()) {
      return null;
    }
    return Pages.render(id);
  }

  private @org.jspecify.annotations.Nullable String storyboardPage(Context context, DashboardSessions.Session session) {
    String id = context.pathParam("storyboard_id");
    if (!ID.matcher(id).matches()) {
      return null;
    }
    try {
      storyboards.get(session.principal(), id);
    } catch (VideoException e) {
      return null;
    }
    return Pages.storyboard(id);
  }

  private void signInPage(Context context) {
    if (session(context).isPresent()) {
      context.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    html(context, 200, Pages.signIn(null));
  }

  private void signIn(Context context) {
    String key = context.formParam("api_key");
    switch (sessions.signIn(key == null ? "" : key)) {
      case DashboardSessions.SignIn.SignedIn signedIn -> {
        context.header(
            "Set-Cookie",
            cookie(context, signedIn.sessionId(), DashboardSessions.LIFETIME.toSeconds()));
        context.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
      }
      case DashboardSessions.SignIn.Refused refused -> html(context, 401, Pages.signIn(refused.message()));
    }
  }

  private void signOut(Context context) {
    String cookie = context.cookie(COOKIE);
    Optional<DashboardSessions.Session> session = session(context);
    if (cookie == null || session.isEmpty()) {
      context.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    String presented = context.formParam(CSRF_FIELD);
    if (presented == null || !DashboardSessions.csrfMatches(session.get(), presented)) {
      html(
          context,
          403,
          Pages.layout(
              "Refused",
              "refused",
              viewer(session.get()),
              Pages.forbidden("csrf_failed", "The form did not carry this page's CSRF token."),
              null));
      return;
    }
    sessions.signOut(cookie);
    context.header("Set-Cookie", cookie(context, "", 0));
    context.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private Optional<DashboardSessions.Session> session(Context context) {
    String cookie = context.cookie(COOKIE);
    return cookie == null ? Optional.empty() : sessions.find(cookie);
  }

  private static Pages.Viewer viewer(DashboardSessions.Session session) {
    return new Pages.Viewer(session.csrfToken(), session.principal().isAdmin(), session.principal().apiKeyId());
  }

  private static String cookie(Context context, String value, long maxAgeSeconds) {
    boolean secure =
        context.req().isSecure() || "https".equalsIgnoreCase(context.header("X-Forwarded-Proto"));
    return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAgeSeconds + (secure ? "; Secure" : "");
  }

  private static void html(Context context, int status, String body) {
    securityHeaders(context);
    context.header("Cache-Control", "no-store");
    context.status(status);
    context.contentType("text/html; charset=utf-8");
    context.result(body);
  }

  private static void securityHeaders(Context context) {
    context.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    context.header("X-Content-Type-Options", "nosniff");
    context.header("Referrer-Policy", "no-referrer");
    context.header("X-Frame-Options", "DENY");
  }

  private void staticFile(Context context) {
    String name = context.pathParam("file");
    byte[] bytes = STATIC_NAME.matcher(name).matches() ? resource("/dashboard/static/" + name) : null;
    if (bytes == null) {
      throw new ApiException(404, "not_found", null, "No dashboard file '" + name + "'");
    }
    securityHeaders(context);
    context.header("Cache-Control", "no-cache");
    context.status(200);
    context.contentType(name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
    context.result(bytes);
  }

  private static byte @org.jspecify.annotations.Nullable [] resource(String name) {
    try (InputStream input = DashboardRoutes.class.getResourceAsStream(name)) {
      return input == null ? null : input.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
