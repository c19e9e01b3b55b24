package dev.aivid.providers;

/**
 * The AIVid error codes every adapter maps its provider's errors to, so that routing and clients
 * see one vocabulary. The provider's own code stays in the message.
 */
public final class ProviderErrorCodes {
  /** The credential was refused (401/403 auth): fix the key; not retried. */
  public static final String AUTH_FAILED = "provider_auth_failed";
  /** No permission for this model or API. */
  public static final String FORBIDDEN = "provider_forbidden";
  /** Too many requests or too many concurrent tasks: retried after Retry-After. */
  public static final String RATE_LIMITED = "provider_rate_limited";
  /** The account has no balance or resource pack left. */
  public static final String INSUFFICIENT_BALANCE = "provider_insufficient_balance";
  /** 5xx, maintenance, backlog: retried, and a reason to fail over. */
  public static final String UNAVAILABLE = "provider_unavailable";
  /** The circuit breaker is open: the provider failed repeatedly, calls are not even tried. */
  public static final String CIRCUIT_OPEN = "provider_circuit_open";
  /** The provider rejected the request's fields: a bug or a capability gap; not retried. */
  public static final String INVALID_REQUEST = "provider_invalid_request";
  /** The prompt or an input broke the provider's content policy; not retried. */
  public static final String CONTENT_POLICY = "content_policy_violation";
  /** The task or model is unknown to the provider. */
  public static final String NOT_FOUND = "provider_not_found";
  /** The provider said the render failed. */
  public static final String RENDER_FAILED = "provider_render_failed";
  /** The render ran past the provider's own deadline. */
  public static final String RENDER_EXPIRED = "provider_render_expired";
  /** The result URL no longer serves the video. */
  public static final String RESULT_EXPIRED = "provider_result_expired";
  /** The provider answered something this adapter cannot read. */
  public static final String BAD_RESPONSE = "provider_bad_response";
  /** The request or download took longer than its timeout. */
  public static final String TIMEOUT = "provider_timeout";

  private ProviderErrorCodes() {}
}
