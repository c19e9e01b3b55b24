/**
 * Sound for previz clips: synthesised Foley at rig landings and muxing a mono track into the rendered MP4.
 *
 * <p>{@link dev.aivid.media.sound.LandingHits} turns the foot landings of a BVH clip into output-video frames,
 * {@link dev.aivid.media.sound.FoleyTrack} mixes a {@link dev.aivid.media.sound.FoleySynth} impact onto each of them,
 * {@link dev.aivid.media.sound.TrackTrimmer} fits a track to the shot and {@link dev.aivid.media.sound.AudioMuxer}
 * copies the H.264 video packets unchanged into a new MP4 next to an AAC encoding of the track.
 *
 * <p>Conventions: PCM is mono {@code float} in [-1, 1] at a given {@code sampleRate} in hertz; times in seconds. A
 * time {@code t} is sample {@code round(t · sampleRate)}. Everything is deterministic for a seed.
 */
@NullMarked
package dev.aivid.media.sound;

import org.jspecify.annotations.NullMarked;
