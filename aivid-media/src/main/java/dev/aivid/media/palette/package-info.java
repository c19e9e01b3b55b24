/**
 * Colour palettes from a JSON list of hex colours, a GIMP {@code .gpl} file, or an image. See
 * {@link dev.aivid.media.palette.Palettes}.
 *
 * <p>Decisions: the format is recognised from the bytes, never from a file name. JSON is an array of strings, or an
 * object {@code {"name"?, "colours" | "colors"}}; a colour is 3 or 6 hex digits with an optional {@code #} (no alpha,
 * no names such as "red", no surrounding spaces). A GPL file must start with the line {@code GIMP Palette}; channel
 * values outside 0..255 are refused rather than clamped as GIMP does. Palettes hold 1..64 colours, and text formats
 * at most 1 MiB. Images are clustered in RGB with seeded k-means: k = 6 by default, k-means++ seeding, at most 50
 * Lloyd iterations, and about 65,536 sampled pixels, one per cell of a square grid at a seeded position. The palette
 * has fewer than k colours when the image has fewer distinct ones, is ordered by cluster size (largest first, ties
 * by RGB value) and is the same for the same seed.
 */
@NullMarked
package dev.aivid.media.palette;

import org.jspecify.annotations.NullMarked;
