/**
 * Beat tracking after librosa's {@code beat.beat_track} (Ellis 2007 dynamic programming) and its evaluation after
 * mir_eval's beat F-measure.
 */
@NullMarked
package dev.aivid.media.beats;

import org.jspecify.annotations.NullMarked;
