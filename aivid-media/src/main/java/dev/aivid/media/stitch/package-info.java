/**
 * Stitching: several generated shots joined into one H.264 MP4 at the board's size and frame rate, with cuts,
 * crossfades and beat-placed cuts, the soundtrack and Foley mixed under it, and an edit decision list that says which
 * model made which frames.
 *
 * <p><b>Output timeline</b> (F is the board's frames per second; output frame {@code k} is shown from {@code k/F} to
 * {@code (k+1)/F}):
 *
 * <ul>
 *   <li>Segment {@code i} lasts {@code L_i = round((outSeconds − inSeconds) · F)} frames (after beat snapping, see
 *       below). Its frame {@code j} shows the source picture on screen at source time {@code inSeconds + j/F}: the
 *       last decoded frame whose timestamp is not later, so a slower source repeats frames and a faster one drops
 *       them.
 *   <li>A crossfade into segment {@code i} overlaps it with the end of segment {@code i−1} by {@code O_i =
 *       round(durationSeconds · F)} frames; cuts overlap by 0. Segment {@code i} starts at output frame {@code S_0 =
 *       0}, {@code S_i = S_(i−1) + L_(i−1) − O_i}; the film has {@code ΣL − ΣO} frames, so every crossfade shortens it
 *       by its overlap.
 *   <li>Over an overlap, frame {@code S_i + m} ({@code 0 ≤ m < O_i}) is {@code (1 − w) · outgoing + w · incoming} per
 *       channel with {@code w = (m + 1) / (O_i + 1)}: the incoming shot is never fully absent or fully alone inside the
 *       transition.
 *   <li>The <em>cut point</em> of boundary {@code i} is {@code S_i}, the first frame showing the incoming shot; it is
 *       the record-in of its EDL event, and {@code S_i / F} is the cut's time in seconds.
 * </ul>
 *
 * <p><b>Beat snapping</b> (every cut when the plan asks for it, and always for {@link
 * dev.aivid.media.stitch.Transition.MatchOnBeat}): cuts are taken left to right. A cut at {@code t = S_i / F} may
 * move to a beat {@code b} with {@code |b − t| ≤} half the median inter-beat interval, landing on frame
 * {@code round(b · F)} (or, when the outgoing segment cannot reach that frame, on the frame at the beat's other side,
 * still less than a frame from it), by trimming or extending the <em>outgoing</em> segment's out-point by the difference;
 * everything after moves with it. The nearest such beat is taken if the outgoing segment can reach it (it keeps at
 * least one frame of its own beside its transitions and never runs past the end of its source file); otherwise the
 * nearest reachable beat in the window (the earlier on a tie); otherwise the cut stays and {@link
 * dev.aivid.media.stitch.CutSnap} says why. The end of the film is not a cut and never moves.
 *
 * <p><b>Picture</b>: each source is scaled (swscale, bilinear) to fit inside the board keeping its display aspect
 * (sample aspect ratio honoured), centred, and padded with black bars (letterbox or pillarbox); it is never cropped or
 * distorted. Rotation metadata is not applied. The output is yuv420p H.264 from libopenh264, so board sides are even.
 *
 * <p><b>Sound</b>: the soundtrack, trimmed or padded with silence to the film's length; plus each segment's own
 * audio where the segment has an {@code audioGainDb}, placed at its record-in, ramped linearly across crossfades; plus
 * synthesised Foley thumps at the given times; then soft-clipped ({@link dev.aivid.media.sound.FoleyTrack}) and
 * muxed as AAC ({@link dev.aivid.media.sound.AudioMuxer}). With none of these the MP4 has no audio track.
 */
@NullMarked
package dev.aivid.media.stitch;

import org.jspecify.annotations.NullMarked;
