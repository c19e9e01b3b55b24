/** Still images taken from videos: thumbnails and spritesheets. */
@NullMarked
package dev.aivid.media.frames;

import org.jspecify.annotations.NullMarked;
