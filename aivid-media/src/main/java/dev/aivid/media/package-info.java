/** In-process media library of the AIVid local engine: images, previz rendering, probing and frame sampling. */
@NullMarked
package dev.aivid.media;

import org.jspecify.annotations.NullMarked;
