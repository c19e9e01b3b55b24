/** Decoding audio files in-process into mono float PCM at a chosen sample rate. */
@NullMarked
package dev.aivid.media.audio;

import org.jspecify.annotations.NullMarked;
