package dev.aivid.providers.runway;

/**
 * The request cannot be put into a valid Runway Gen-4.5 call (a size neither endpoint takes, a
 * duration out of range, no prompt text). Raised before any call, and answered as a 400 {@code
 * provider_invalid_request}, exactly as Runway would answer the call.
 */
public final class RunwayRequestRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunwayRequestRejected(String message) {
    super(message);
  }
}
