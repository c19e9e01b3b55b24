/** Motion figures, capacity allocation and the artifact rules behind {@link dev.aivid.preflight.PreflightEngine}. */
@NullMarked
package dev.aivid.preflight.internal;

import org.jspecify.annotations.NullMarked;
