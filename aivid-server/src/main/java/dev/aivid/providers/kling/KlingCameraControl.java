package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.providers.CameraIntent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A camera path's dominant move as Kling's {@code camera_control} of type {@code simple}
 * (providers.md §2.3): exactly one of six axes non-zero, in -10..10, magnitude {@code max(1,
 * round(strength × 10))}. See docs/providers/kling.md for the axis table and the signs.
 *
 * @param axis the one non-zero config key
 * @param value signed, in Kling's convention
 * @param exact false where Kling has no such move and a neighbour stands in (dolly, orbit)
 */
record KlingCameraControl(String axis, int value, boolean exact) {
  static final List<String> AXES = List.of("horizontal", "vertical", "pan", "tilt", "roll", "zoom");
  static final int LIMIT = 10;

  KlingCameraControl {
    if (!AXES.contains(axis) || value == 0 || Math.abs(value) > LIMIT) {
      throw new IllegalArgumentException("one of " + AXES + " with a value in ±1..10");
    }
  }

  /** The control for a moving camera; null for a static one (Kling gets no camera_control then). */
  static @Nullable KlingCameraControl of(CameraIntent camera) {
    int magnitude = Math.max(1, Math.min(LIMIT, (int) Math.round(camera.strength() * LIMIT)));
    int signed = (camera.direction() < 0 ? -1 : 1) * magnitude;
    return switch (camera.move()) {
      case "truck" -> new KlingCameraControl("horizontal", signed, true);
      case "pedestal" -> new KlingCameraControl("vertical", signed, true);
      case "pan" -> new KlingCameraControl("pan", signed, true);
      case "tilt" -> new KlingCameraControl("tilt", signed, true);
      case "roll" -> new KlingCameraControl("roll", signed, true);
        // AIVid's zoom + narrows the field of view; Kling's zoom + widens it.
      case "zoom" -> new KlingCameraControl("zoom", -signed, true);
        // No axis moves along the view direction: a push in narrows the view like a zoom in.
      case "dolly" -> new KlingCameraControl("zoom", -signed, false);
        // Orbiting right keeps the subject centred by turning left: the rotation Kling can give.
      case "orbit" -> new KlingCameraControl("pan", -signed, false);
      default -> null;
    };
  }

  ObjectNode toJson() {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    for (String name : AXES) {
      config.put(name, name.equals(axis) ? value : 0);
    }
    ObjectNode control = JsonNodeFactory.instance.objectNode();
    control.put("type", "simple");
    control.set("config", config);
    return control;
  }

  String describe() {
    String sign = axis.equals("zoom") ? " (Kling's zoom − narrows the view, + widens it)" : "";
    return "camera_control simple " + axis + "=" + (value > 0 ? "+" : "") + value + sign;
  }
}
