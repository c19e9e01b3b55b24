/**
 * The previz scene renderer: reference images as parallax billboards, a camera path, a BVH rig, masks, a palette grade
 * and a burn-in overlay, rasterised in Java and encoded to H.264 in-process. Entry points: {@link
 * dev.aivid.media.scene.SceneRenderer} and {@link dev.aivid.media.scene.SceneSpec}.
 *
 * <p>Geometry. Camera conventions are those of {@link dev.aivid.media.camera}: world +Y up, the camera looks along its
 * local -Z, pinhole projection with the pose's vertical field of view, focal length {@code (H/2)/tan(vfov/2)}. A layer
 * at depth {@code d} is a plane at {@code z = -d} in the coordinates of the camera's <em>start</em> pose (frame 0),
 * facing that camera; its texture is laid out in start-frame pixels, so on frame 0 a layer that fills the view shows
 * its image exactly as a cover-scaled still, and every later frame is an exact perspective (homography) view of the
 * same plane. Parallax follows: a truck of {@code t} moves a layer at depth {@code d} by {@code f·t/d} pixels.
 *
 * <p>Beyond the start frame, layers that fill it continue as their mirror image (repeated up to eight frames each
 * way); where the camera sees no layer at all (turned far away), the frame shows the farthest background's sky and
 * ground colours (the mean of its top and bottom tenth) split at the horizon. Billboards cannot show a turn of 90° or
 * more away from the start view; that is the limit of this kind of previz.
 *
 * <p>Determinism: every frame is a pure function of the spec (the seed only paints the generated backdrop when there is
 * no background layer); sampling is nearest-texel, so frames are bit-identical across runs on the same JVM.
 */
@NullMarked
package dev.aivid.media.scene;

import org.jspecify.annotations.NullMarked;
