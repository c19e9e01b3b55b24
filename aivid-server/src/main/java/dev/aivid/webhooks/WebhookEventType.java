package dev.aivid.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events an endpoint can subscribe to, by their wire names. */
public enum WebhookEventType {
  VIDEO_COMPLETED("video.completed"),
  VIDEO_FAILED("video.failed"),
  STORYBOARD_COMPLETED("storyboard.completed"),
  CREDITS_LOW("credits.low");

  private final String wireName;

  WebhookEventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<WebhookEventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
  }
}
