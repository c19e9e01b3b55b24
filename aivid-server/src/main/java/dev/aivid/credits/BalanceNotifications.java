package dev.aivid.credits;

import dev.aivid.database.ChannelListener;
import javax.sql.DataSource;

/**
 * Listens on PostgreSQL's {@code aivid_credits} channel, which every ledger commit notifies (on any
 * node), and wakes this node's balance subscribers. Notifications are sent at commit, so a balance
 * read after one is never behind the ledger.
 */
final class BalanceNotifications implements AutoCloseable {
  private final ChannelListener channel;

  BalanceNotifications(DataSource dataSource) {
    this.channel = new ChannelListener(dataSource, "aivid_credits");
  }

  void start() {
    channel.start();
  }

  AutoCloseable subscribe(String organizationId, Runnable listener) {
    return channel.subscribe(organizationId, listener);
  }

  @Override
  public void close() {
    channel.close();
  }
}
