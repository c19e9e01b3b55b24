/**
 * Reading, posing and measuring BVH (Biovision Hierarchy) motion capture files.
 *
 * <p>{@link dev.aivid.media.bvh.BvhParser} turns untrusted bytes into a {@link dev.aivid.media.bvh.BvhClip} (a
 * {@link dev.aivid.media.bvh.BvhSkeleton} plus {@link dev.aivid.media.bvh.BvhMotion}) or throws
 * {@link dev.aivid.media.MediaException} with one of the {@link dev.aivid.media.bvh.BvhErrorCodes}.
 * {@link dev.aivid.media.bvh.BvhForwardKinematics} places every joint and End Site in world space,
 * {@link dev.aivid.media.bvh.BvhAnalysis} measures a clip (motion energy, root speed and yaw, foot landings) and
 * {@link dev.aivid.media.bvh.BvhClip#framesAt(double)} retimes a clip for rendering.
 *
 * <p>Conventions: angles in degrees, times in seconds, lengths in the file's own units (BVH does not say which).
 * Analysis assumes +Y is up, as nearly every BVH exporter does. All public types are immutable and thread-safe.
 *
 * <h2>Where loaders disagree, and what this package does</h2>
 *
 * <ul>
 *   <li>Position channels and OFFSET: Blender replaces the OFFSET with the channel values, three.js adds them. Default
 *       {@link dev.aivid.media.bvh.PositionChannelMode#REPLACE_OFFSET} (per axis), with
 *       {@link dev.aivid.media.bvh.PositionChannelMode#ADD_TO_OFFSET} available. Identical for the common case of a
 *       root with a zero OFFSET.
 *   <li>Rotation order: both compose rotation channels in the listed order, {@code R = R1·R2·R3} (column vectors);
 *       so does this package, per joint, so files that mix orders (CMU arms vs legs) work.
 *   <li>Channels: three.js skips an unknown channel name without consuming a value, shifting all later data; Blender
 *       reads rotations as a group of three. Here an unknown name is an error and exactly the listed channels are
 *       applied, in order, including joints with one or two rotation channels.
 *   <li>Layout: three.js is line-strict and case-sensitive; Blender expects <code>{</code> on its own line. Here the
 *       hierarchy is read token by token in any case and line layout; frames are one line each.
 *   <li>Names: Blender joins spaced names with {@code _} and renames duplicates ({@code name.001}); three.js keeps
 *       the first word. Here names keep their words separated by single spaces and duplicates are kept as they are.
 *   <li>Frame count: Blender reads every line after {@code Frame Time:} as a frame; three.js reads the declared
 *       number and fails on a short file. Here the declared number must match: missing frames are
 *       {@code bvh_truncated}, extra lines {@code bvh_syntax}.
 *   <li>Frame time: Blender falls back to the scene rate when it is missing or zero. Here it is required and must
 *       be within {@link dev.aivid.media.bvh.BvhParser#MIN_FRAME_TIME_SECONDS}..{@link
 *       dev.aivid.media.bvh.BvhParser#MAX_FRAME_TIME_SECONDS}.
 *   <li>Several roots: three.js reads one; here all are read, each hanging from the origin.
 *   <li>Geometry: Blender nudges zero-length bones; here OFFSETs are used exactly as written.
 * </ul>
 */
@NullMarked
package dev.aivid.media.bvh;

import org.jspecify.annotations.NullMarked;
