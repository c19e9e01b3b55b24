/**
 * Greyscale control images: masks (which pixels a generation may change) and depth maps, loaded as 0..1 value grids
 * and checked against the target frame size. See {@link dev.aivid.media.mask.Masks}.
 *
 * <p>Decisions: colour-typed images are accepted when they are grey in fact, but colour is refused
 * ({@code mask_not_greyscale}) rather than converted by luminance, because a colour image uploaded as a mask is
 * almost always the wrong file. Masks and depth maps must have the target size or its aspect ratio within 1 % (then
 * they are resampled bilinearly); anything else is {@code mask_size_mismatch} with both sizes in the message. Coverage
 * is the share of mask values above 0.5. Depth maps report minimum, maximum and mean, and 16-bit PNGs keep full
 * precision.
 */
@NullMarked
package dev.aivid.media.mask;

import org.jspecify.annotations.NullMarked;
