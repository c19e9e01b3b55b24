/**
 * Camera paths: AIVid's own keyframed JSON format (docs/camera-path.md), an importer for nerfstudio
 * {@code camera_path.json}, per-frame poses and derived motion figures (screen speed, yaw, dominant move).
 *
 * <p>Conventions: world +Y up, right-handed; camera looks along its local -Z with +Y up and +X right (OpenGL,
 * Blender, nerfstudio). Angles are degrees, times seconds, distances scene units.
 */
@NullMarked
package dev.aivid.media.camera;

import org.jspecify.annotations.NullMarked;
