/** Implementation details of {@link dev.aivid.fetch.SafeUrlFetcher}; not a stable API. */
@NullMarked
package dev.aivid.fetch.internal;

import org.jspecify.annotations.NullMarked;
