/**
 * A small, strict JSON reader for untrusted uploads: bounded in bytes, nesting depth, string length and value count,
 * and reporting every problem as a {@link dev.aivid.media.MediaException} with the caller's error code.
 */
@NullMarked
package dev.aivid.media.json;

import org.jspecify.annotations.NullMarked;
