package dev.aivid.providers;

import dev.aivid.providers.callbacks.CallbackStyle;
import dev.aivid.providers.callbacks.SignatureCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one interface every provider adapter implements. Calls are short: long renders are polled,
 * never waited on in a thread.
 */
public interface VideoProvider {
  /** The provider name used in the catalog ({@code local}, {@code openai}, {@code kling}…). */
  String name();

  /** Starts a render; the value is the provider's handle for it. */
  ProviderOutcome<String> submit(RenderRequest request);

  ProviderOutcome<RenderStatus> poll(String handle);

  /** Writes the finished video to {@code target}. */
  ProviderOutcome<Path> fetch(String handle, Path target);

  /**
   * True when renders live in this process (the local engine): only the node that submitted one
   * can poll it, so the job stays with that node while it is alive.
   */
  default boolean rendersInThisProcess() {
    return false;
  }

  /**
   * What this provider does with every control of the request (the compiler's verdicts), without
   * calling it. Shared with preflight and stored on the job.
   */
  default List<ControlVerdict> translate(RenderRequest request) {
    return List.of();
  }

  /**
   * Continues a finished render natively (the provider appends seconds to its own video); the
   * value is the handle of the longer video. Providers without native extend answer 501 {@code
   * extend_not_supported}, and AIVid continues from the last frame instead.
   */
  default ProviderOutcome<String> extend(String finishedHandle, RenderRequest continuation) {
    return new ProviderOutcome.ProviderError<>(
        501, "extend_not_supported", name() + " cannot extend a video natively", null);
  }

  /**
   * How this provider reports a render's end besides being polled: to the callback URL of the
   * request, by webhooks it signs, or not at all. The worker polls renders that will be called back
   * less often; polling stays the fallback either way.
   */
  default CallbackStyle callbackStyle() {
    return CallbackStyle.NONE;
  }

  /**
   * For providers that sign their webhooks: whether this one carries a valid signature under this
   * credential's webhook secret.
   *
   * @param headers request headers by lower-case name
   */
  default SignatureCheck checkSignature(Map<String, String> headers, byte[] body) {
    return SignatureCheck.NO_SECRET;
  }

  /** Stops the render if it still runs and frees what it holds; a no-op for an unknown handle. */
  ProviderOutcome<Boolean> cancel(String handle);
}
