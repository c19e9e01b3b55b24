/**
 * Preflight: what each candidate model will honour, approximate or drop of a director's stack, the
 * known artifacts the shot risks (rules and thresholds from the catalog), the estimated credits and
 * a recommended model. A pure function of the stack and the catalog: no HTTP, no SQL, nothing stored
 * or charged. See docs/preflight.md.
 */
@NullMarked
package dev.aivid.preflight;

import org.jspecify.annotations.NullMarked;
