package dev.aivid.webhooks.internal;

import dev.aivid.fetch.AddressPolicy;
import dev.aivid.fetch.HostResolver;
import dev.aivid.webhooks.WebhookException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a webhook URL may be: an absolute http(s) URL without credentials, on a public address. */
public final class WebhookUrls {
  private static final int MAX_CHARACTERS = 2_048;

  private WebhookUrls() {}

  public static URI parse(String text) {
    if (text.isBlank() || text.length() > MAX_CHARACTERS) {
      throw invalid("url must be an http or https URL of at most " + MAX_CHARACTERS + " characters");
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw invalid("url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid("url must start with https:// or http://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw invalid("url must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid("url must not carry credentials; the signature authenticates each delivery");
    }
    if (uri.getRawFragment() != null) {
      throw invalid("url must not have a #fragment");
    }
    return uri;
  }

  /**
   * The first non-public address the host resolves to, if any. An unresolvable host is refused
   * outright: there would be nothing to deliver to.
   */
  public static Optional<InetAddress> nonPublicAddress(URI uri, HostResolver resolver) throws UnknownHostException {
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    List<InetAddress> addresses =
        isLiteral(host) ? List.of(InetAddress.getByName(host)) : resolver.resolve(host.toLowerCase(Locale.ROOT));
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host);
    }
    return addresses.stream().filter(address -> !AddressPolicy.publicOnly().allows(address)).findFirst();
  }

  /** Refuses a URL on a loopback, private, link-local or otherwise non-public address (SSRF). */
  public static void requirePublic(URI uri, HostResolver resolver) {
    Optional<InetAddress> refused;
    try {
      refused = nonPublicAddress(uri, resolver);
    } catch (UnknownHostException e) {
      throw new WebhookException(
          WebhookException.Kind.INVALID, "unresolvable_webhook_url", "url", "url host '" + uri.getHost() + "' does not resolve");
    }
    if (refused.isPresent()) {
      throw new WebhookException(
          WebhookException.Kind.INVALID,
          "private_webhook_url",
          "url",
          "url resolves to a non-public address (" + refused.get().getHostAddress() + "); an operator can allow that"
              + " with AIVID_ALLOW_PRIVATE_WEBHOOK_URLS=true");
    }
  }

  private static boolean isLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(character -> character == '.' || Character.isDigit(character));
  }

  private static WebhookException invalid(String message) {
    return new WebhookException(WebhookException.Kind.INVALID, "invalid_webhook_url", "url", message);
  }
}
