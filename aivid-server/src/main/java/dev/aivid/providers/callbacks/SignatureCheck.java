package dev.aivid.providers.callbacks;

/** What a signed callback's headers say about it. */
public enum SignatureCheck {
  VALID,
  /** {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} is absent or malformed. */
  MISSING_HEADERS,
  /** The timestamp is more than the tolerance away from now: a replay, or a clock far off. */
  STALE_TIMESTAMP,
  /** No {@code v1} signature matches: a wrong secret or an altered body. */
  BAD_SIGNATURE,
  /** This credential has no webhook secret to check against. */
  NO_SECRET
}
