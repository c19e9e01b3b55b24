package dev.aivid.providers.callbacks;

/**
 * What a provider's callback body says: the render it is about (the provider's task or video id)
 * and the status it claims. A hint to poll now, never a result in itself.
 */
public record CallbackNotice(String renderId, String status) {
  public CallbackNotice {
    if (renderId.isBlank() || renderId.length() > 200) {
      throw new IllegalArgumentException("a callback names a render id of 1 to 200 characters");
    }
    if (status.length() > 100) {
      status = status.substring(0, 100);
    }
  }
}
