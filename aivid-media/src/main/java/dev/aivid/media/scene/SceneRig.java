package dev.aivid.media.scene;

import dev.aivid.media.bvh.BvhClip;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A BVH clip to draw as a stick figure, retimed to the output frame rate and held on its last pose when shorter than
 * the shot.
 *
 * @param placement where it stands; when absent: with a camera path, the root starts at the world origin unturned
 *     (camera paths are authored in the rig's world); without one, it stands on the ground (y = 0) at the subject
 *     depth in front of the start camera, turned so its walk crosses the frame from left to right and centred on it
 */
public record SceneRig(BvhClip clip, @Nullable RigPlacement placement) {

  public SceneRig {
    Objects.requireNonNull(clip, "clip");
  }

  public static SceneRig of(BvhClip clip) {
    return new SceneRig(clip, null);
  }
}
