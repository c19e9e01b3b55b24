/**
 * The one outbound HTTP client per provider: explicit timeouts, bounded retries with exponential
 * backoff and full jitter that honour {@code Retry-After}, a circuit breaker, and result downloads
 * that notice a body cut off mid-way.
 */
@NullMarked
package dev.aivid.providers.http;

import org.jspecify.annotations.NullMarked;
