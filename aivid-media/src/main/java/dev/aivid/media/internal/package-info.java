/** Shared plumbing of this module; not part of its API even though it has to be public across packages. */
@NullMarked
package dev.aivid.media.internal;

import org.jspecify.annotations.NullMarked;
