package dev.aivid.webhooks;

import java.util.List;

/** Deliveries newest first, and whether more follow the last one. */
public record DeliveryPage(List<Delivery> deliveries, boolean hasMore) {
  public DeliveryPage {
    deliveries = List.copyOf(deliveries);
  }
}
