/** Recognising, measuring and decoding uploaded still images (PNG, JPEG, WebP). */
@NullMarked
package dev.aivid.media.image;

import org.jspecify.annotations.NullMarked;
