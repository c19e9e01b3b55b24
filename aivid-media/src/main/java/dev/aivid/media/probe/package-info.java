/** Reading the technical facts of a video file in-process. */
@NullMarked
package dev.aivid.media.probe;

import org.jspecify.annotations.NullMarked;
