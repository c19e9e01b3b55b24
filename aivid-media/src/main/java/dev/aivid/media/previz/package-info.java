/** The v0 previsualization engine: a deterministic, fast stand-in clip rendered with Java2D and encoded to H.264. */
@NullMarked
package dev.aivid.media.previz;

import org.jspecify.annotations.NullMarked;
