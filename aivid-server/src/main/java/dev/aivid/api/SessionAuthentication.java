package dev.aivid.api;

import dev.aivid.account.Authentication;
import io.javalin.http.Context;

/**
 * Authenticates a request that carries no {@code Authorization} header by another credential (the
 * dashboard's session cookie). Answers {@link Authentication.Missing} when there is none, and throws
 * {@link ApiException} 403 {@code csrf_failed} when a state change lacks its CSRF token.
 */
@FunctionalInterface
public interface SessionAuthentication {
  SessionAuthentication NONE = context -> new Authentication.Missing();

  Authentication authenticate(Context context);

  /**
   * Lets the web pages answer a request no route matched (an HTML 404 for a browser); true when it
   * wrote the response. Paths under /v1 should keep the API's JSON 404.
   */
  default boolean answerUnknownPath(Context context) {
    return false;
  }
}
