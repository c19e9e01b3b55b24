package dev.aivid.idempotency;

import java.util.Map;

/** The first response to an idempotent request, replayed byte for byte to its retries. */
public record StoredResponse(
    int status, String contentType, byte[] body, Map<String, String> headers) {
  public StoredResponse {
    headers = Map.copyOf(headers);
  }
}
