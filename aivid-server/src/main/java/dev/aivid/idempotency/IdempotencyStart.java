package dev.aivid.idempotency;

/** What presenting an Idempotency-Key came to. */
public sealed interface IdempotencyStart {
  /** First use (or a stale attempt taken over): run the request, then record its response. */
  record Fresh() implements IdempotencyStart {}

  record Replay(StoredResponse response) implements IdempotencyStart {}

  /** The key was used for a different request (another body, method or path). */
  record Mismatch() implements IdempotencyStart {}

  /** The first request with this key is still running. */
  record InProgress() implements IdempotencyStart {}
}
