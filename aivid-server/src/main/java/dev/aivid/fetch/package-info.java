/**
 * Server-side fetching of user-supplied image URLs, guarded against server-side request forgery.
 *
 * <p>Entry point: {@link dev.aivid.fetch.SafeUrlFetcher}.
 */
@NullMarked
package dev.aivid.fetch;

import org.jspecify.annotations.NullMarked;
