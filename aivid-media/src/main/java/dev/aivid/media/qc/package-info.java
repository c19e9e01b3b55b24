/**
 * Probe and quality check of every rendered or delivered video: {@link dev.aivid.media.qc.VideoQc#check} compares
 * the container with the {@link dev.aivid.media.qc.QcOrder} and decodes each frame once to find black, frozen and
 * flickering pictures and scene cuts, returning a {@link dev.aivid.media.qc.QcReport}.
 *
 * <h2>How the pictures are measured</h2>
 *
 * Every frame is decoded in-process (FFmpegFrameGrabber) and shrunk by swscale with area averaging to
 * {@link dev.aivid.media.qc.QcThresholds#ANALYSIS_LONG_SIDE} pixels on its long side (64×36 for 16:9), which keeps a
 * check at hundreds of frames a second. Luma is the BT.601 weighting of the decoded RGB, on 0..1 of the full range
 * (swscale maps limited-range video luma 16..235 to 0..255, so thresholds mean what FFmpeg's do on limited-range
 * video). Averaging also smooths sensor-like noise, so numbers are a little lower than at full resolution. Times are
 * presentation times from the first frame; an interval ends where the next different frame starts.
 *
 * <ul>
 *   <li><b>Black frame</b> (mirrors {@code blackdetect} with its defaults {@code pix_th=0.10}, {@code pic_th=0.98}):
 *       at least 98% of pixels have luma ≤ 0.10. A <b>black segment</b> is a run of black frames lasting ≥ 0.5 s;
 *       blackdetect's {@code d=2} default is made for finding program breaks in broadcasts, while in a 5–10 s
 *       generated clip half a second (12 frames at 24 fps) is already a visible gap and is longer than the dip of an
 *       ordinary fade. Issue {@code black_segment} (warning); more than 90% of frames black is
 *       {@code black_video} (error) instead.
 *   <li><b>Frozen</b> (mirrors {@code freezedetect}, including its rule of comparing with the last frame that changed
 *       rather than with the previous one, so slow motion adds up and is not mistaken for a still): mean absolute luma
 *       difference from that reference ≤ {@link dev.aivid.media.qc.QcThresholds#FREEZE_NOISE} of full scale, for
 *       ≥ 2 s ({@code d=2}). The noise level is 0.005 (about -46 dB) rather than freezedetect's -60 dB (0.001),
 *       because encoders re-code a held picture at every keyframe: measured drift of a held picture here was
 *       0.0010..0.0042, which would break every freeze once a second. A black still counts as black, not frozen.
 *       Issue {@code frozen_segment} (warning); holds of ≥ 2 s covering more than 90% of the video are
 *       {@code frozen_video} (error).
 *   <li><b>Scene cut</b> (mirrors {@code scdet}): {@code mafd = 100 · mean|ΔY|} between consecutive frames,
 *       {@code score = clip(min(mafd, |mafd − previous mafd|), 0, 100)}; a cut is a frame whose score is ≥ 10 (scdet's
 *       default threshold) and a local peak. Reported as the time of the new shot's first frame; never an issue. As
 *       with scdet, going into and out of black also counts.
 *   <li><b>Flicker</b> (VBench {@code temporal_flickering}): {@code flickerScore = (255 − MAE) / 255} with MAE the
 *       mean over consecutive pairs of the mean absolute RGB difference (0..255), reported as
 *       {@code meanAbsoluteFrameDifference}; 1 means no change. VBench only scores static videos, chosen with RAFT
 *       optical flow. Without it, a pair "moves" when the frames' luma, each normalised to zero mean and unit
 *       standard deviation (which cancels brightness and contrast changes, that is, flicker itself), differs by more
 *       than 0.1 on average; a frame too flat to normalise (black, a solid flash) moves nothing. VBench's counting rule
 *       decides: static when at most {@code round(2 · pairs / 16)} pairs move. With pure motion, luma MAE = that
 *       difference × the picture's luma spread (≤ 127.5), so a pair under 0.1 changes by ≤ 12.75 levels: motion in a
 *       shot counted as static cannot by itself reach the flicker bound. Measured on a detailed texture: panning at
 *       VBench's own static limit ({@code 3 · min_side / 256} pixels a frame) differs by about 0.16, so this test
 *       calls slightly fewer shots static than VBench. Issue {@code flicker} (warning) when the shot is static and
 *       the score is below 0.95, a mean change of more than 5% of full scale per frame, which no compression noise
 *       reaches and which is clearly visible as pumping.
 * </ul>
 *
 * <h2>Order checks</h2>
 *
 * <ul>
 *   <li>{@code wrong_container} (warning) unless MP4: FFmpeg's mov demuxer reads MP4 and QuickTime alike, so a
 *       {@code qt} major brand is reported as {@code mov}. {@code wrong_codec} (warning) unless h264. Both are fixed by
 *       a remux or transcode without paying for another generation.
 *   <li>{@code wrong_size}: an error, unless the picture has the ordered shape (aspect within 1%) and is at least as
 *       large, which only needs a downscale (warning).
 *   <li>{@code wrong_frame_rate} (warning) when an ordered rate differs by more than 1% (23.976 is 24).
 *   <li>{@code wrong_duration} (error) when the container's duration is further from the order than its tolerance.
 * </ul>
 *
 * <p>{@link dev.aivid.media.qc.QcReport#passes()} is true when no issue is an error, so routing may retry a failing
 * provider output elsewhere; warnings are for people to look at.
 */
@NullMarked
package dev.aivid.media.qc;

import org.jspecify.annotations.NullMarked;
