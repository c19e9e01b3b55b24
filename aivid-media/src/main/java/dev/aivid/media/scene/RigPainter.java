package dev.aivid.media.scene;

import dev.aivid.media.bvh.BvhAnalysis;
import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhForwardKinematics;
import dev.aivid.media.bvh.BvhLanding;
import dev.aivid.media.bvh.BvhPositions;
import dev.aivid.media.bvh.BvhSkeleton;
import dev.aivid.media.camera.CameraPose;
import dev.aivid.media.camera.Vector3;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The rig as a stick figure: forward kinematics retimed to the output rate ({@link BvhClip#framesAt}), placed in the
 * world once, projected per frame. Feet on the ground get an orange contact patch; a landing found by {@link
 * BvhAnalysis} flashes a yellow ring for a quarter of a second.
 */
final class RigPainter {

  static final Color BONE = new Color(80, 230, 255);
  static final Color JOINT = new Color(255, 255, 255);
  static final Color CONTACT = new Color(255, 150, 30);
  static final Color LANDING = new Color(255, 235, 60);

  /** A foot is on the ground when its lowest point is this share of the figure's height above it (8.5 cm at 1.7 m). */
  static final double CONTACT_BAND = 0.05;
  private static final double LANDING_FLASH_SECONDS = 0.25;
  /** Bone thickness as a share of the figure's height (4 cm at 1.7 m). */
  private static final double BONE_THICKNESS = 0.024;
  /** A walk shorter than this share of the height counts as standing still. */
  private static final double WALK_THRESHOLD = 0.25;

  private final int frameCount;
  private final int pointCount;
  private final int jointCount;
  private final int[] parents;
  /** World coordinates, {@code 3 * (frame * pointCount + point) + axis}; floats, as {@link BvhPositions} keeps them. */
  private final float[] world;
  private final double groundY;
  private final double heightUnits;
  private final int[][] feet;
  private final boolean[][] contact;
  private final boolean[][] landing;

  RigPainter(SceneRig rig, int framesPerSecond, int sceneFrames, CameraPose start, boolean pathGiven) {
    BvhClip clip = rig.clip();
    BvhSkeleton skeleton = clip.skeleton();
    pointCount = skeleton.pointCount();
    jointCount = skeleton.jointCount();
    parents = new int[pointCount];
    for (int point = 0; point < pointCount; point++) {
      parents[point] = skeleton.pointParent(point);
    }
    float[] source = retimed(clip, framesPerSecond);
    frameCount = Math.max(1, Math.min(sceneFrames, source.length / (3 * pointCount)));
    BvhAnalysis analysis = BvhAnalysis.of(clip);

    double fileGround = Double.POSITIVE_INFINITY;
    double fileTop = Double.NEGATIVE_INFINITY;
    for (int index = 1; index < 3 * frameCount * pointCount; index += 3) {
      fileGround = Math.min(fileGround, source[index]);
      fileTop = Math.max(fileTop, source[index]);
    }
    double restHeight = analysis.restHeight() > 1e-9 ? analysis.restHeight() : Math.max(1e-9, fileTop - fileGround);
    RigPlacement placement = rig.placement();
    double height = placement != null ? placement.heightUnits() : RigPlacement.HUMAN_HEIGHT;
    double scale = height / restHeight;
    double anchorX = source[0];
    double anchorZ = source[2];
    if (placement == null) {
      placement = pathGiven
          ? new RigPlacement(Vector3.ZERO, 0, height)
          : centredAcrossView(source, frameCount, pointCount, scale, height, start);
    }
    heightUnits = height;
    groundY = placement.position().y();
    double yaw = Math.toRadians(placement.yawDegrees());
    double cosine = Math.cos(yaw);
    double sine = Math.sin(yaw);
    world = new float[3 * frameCount * pointCount];
    for (int index = 0; index < world.length; index += 3) {
      double x = scale * (source[index] - anchorX);
      double z = scale * (source[index + 2] - anchorZ);
      world[index] = (float) (placement.position().x() + cosine * x + sine * z);
      world[index + 1] = (float) (groundY + scale * (source[index + 1] - fileGround));
      world[index + 2] = (float) (placement.position().z() - sine * x + cosine * z);
    }
    feet = footChains(skeleton);
    contact = new boolean[feet.length][frameCount];
    for (int foot = 0; foot < feet.length; foot++) {
      for (int frame = 0; frame < frameCount; frame++) {
        contact[foot][frame] = lowestHeight(frame, feet[foot]) - groundY <= CONTACT_BAND * height;
      }
    }
    landing = landings(analysis.landings(), skeleton, framesPerSecond);
  }

  /** Frame {@code frameIndex} of the shot, holding the last pose once the clip has ended. */
  void paint(Graphics2D graphics, FrameCamera camera, int frameIndex) {
    int frame = Math.min(frameIndex, frameCount - 1);
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    double[] screen = new double[3];
    double[] parentScreen = new double[3];
    for (int foot = 0; foot < feet.length; foot++) {
      boolean landed = landing[foot][frame];
      if (contact[foot][frame] || landed) {
        paintContact(graphics, camera, frame, feet[foot], landed, screen);
      }
    }
    int base = 3 * frame * pointCount;
    graphics.setColor(BONE);
    for (int point = 0; point < pointCount; point++) {
      int parent = parents[point];
      if (parent < 0) {
        continue;
      }
      if (!project(camera, base, point, screen) || !project(camera, base, parent, parentScreen)) {
        continue;
      }
      double distance = (screen[2] + parentScreen[2]) / 2;
      double thickness = Math.max(1.5, BONE_THICKNESS * heightUnits * camera.focal / distance);
      graphics.setStroke(new BasicStroke((float) thickness, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      graphics.draw(new Line2D.Double(parentScreen[0], parentScreen[1], screen[0], screen[1]));
    }
    graphics.setColor(JOINT);
    for (int point = 0; point < jointCount; point++) {
      if (!project(camera, base, point, screen)) {
        continue;
      }
      double radius = Math.max(1, 0.6 * BONE_THICKNESS * heightUnits * camera.focal / screen[2]);
      graphics.fill(new Ellipse2D.Double(screen[0] - radius, screen[1] - radius, 2 * radius, 2 * radius));
    }
  }

  private void paintContact(Graphics2D graphics, FrameCamera camera, int frame, int[] chain, boolean landed,
      double[] screen) {
    double x = 0;
    double z = 0;
    for (int point : chain) {
      int index = 3 * (frame * pointCount + point);
      x += world[index];
      z += world[index + 2];
    }
    x /= chain.length;
    z /= chain.length;
    if (!camera.project(x, groundY, z, screen)) {
      return;
    }
    double radius = 0.07 * heightUnits * camera.focal / screen[2];
    graphics.setColor(CONTACT);
    graphics.fill(new Ellipse2D.Double(screen[0] - radius, screen[1] - radius * 0.4, 2 * radius, 0.8 * radius));
    if (landed) {
      double ring = radius * 1.8;
      graphics.setColor(LANDING);
      graphics.setStroke(new BasicStroke((float) Math.max(1.5, radius * 0.3)));
      graphics.draw(new Ellipse2D.Double(screen[0] - ring, screen[1] - ring * 0.4, 2 * ring, 0.8 * ring));
    }
  }

  private boolean project(FrameCamera camera, int base, int point, double[] screen) {
    int index = base + 3 * point;
    return camera.project(world[index], world[index + 1], world[index + 2], screen);
  }

  private double lowestHeight(int frame, int[] chain) {
    double lowest = Double.POSITIVE_INFINITY;
    for (int point : chain) {
      lowest = Math.min(lowest, world[3 * (frame * pointCount + point) + 1]);
    }
    return lowest;
  }

  private static float[] retimed(BvhClip clip, int framesPerSecond) {
    if (clip.motion().frameCount() == 0) {
      double[] rest = new BvhForwardKinematics(clip.skeleton()).restPositions();
      float[] single = new float[rest.length];
      for (int index = 0; index < rest.length; index++) {
        single[index] = (float) rest[index];
      }
      return single;
    }
    BvhPositions positions = clip.framesAt(framesPerSecond).positions();
    return positions.coordinates();
  }

  /**
   * Stands the figure on the ground at subject depth in front of the start camera, turned so the root's travel over
   * the shot points to the camera's right and centred on that point; a figure that stays put faces the camera.
   */
  private static RigPlacement centredAcrossView(float[] source, int frames, int points, double scale, double height,
      CameraPose start) {
    Vector3 forward = start.forward();
    double horizontal = Math.hypot(forward.x(), forward.z());
    double forwardX = horizontal > 1e-9 ? forward.x() / horizontal : 0;
    double forwardZ = horizontal > 1e-9 ? forward.z() / horizontal : -1;
    double depth = LayerRole.SUBJECT.defaultDepth();
    double targetX = start.position().x() + forwardX * depth;
    double targetZ = start.position().z() + forwardZ * depth;
    int last = 3 * (frames - 1) * points;
    double travelX = scale * (source[last] - source[0]);
    double travelZ = scale * (source[last + 2] - source[2]);
    double yaw;
    double halfX = 0;
    double halfZ = 0;
    if (Math.hypot(travelX, travelZ) > WALK_THRESHOLD * height) {
      // Heading of (x, z) about +Y, so that rotating by φ adds φ: atan2(-z, x). The view's right: (-forwardZ, forwardX).
      yaw = Math.atan2(-forwardX, -forwardZ) - Math.atan2(-travelZ, travelX);
      double cosine = Math.cos(yaw);
      double sine = Math.sin(yaw);
      halfX = (cosine * travelX + sine * travelZ) / 2;
      halfZ = (-sine * travelX + cosine * travelZ) / 2;
    } else {
      // BVH figures face +Z; turning them by the camera's heading faces them towards it.
      yaw = Math.atan2(-forwardX, -forwardZ);
    }
    return new RigPlacement(new Vector3(targetX - halfX, 0, targetZ - halfZ), Math.toDegrees(yaw), height);
  }

  /** Feet as in {@link BvhAnalysis}: a joint named like a foot whose parent is not, with everything below it. */
  private static int[][] footChains(BvhSkeleton skeleton) {
    List<int[]> chains = new ArrayList<>();
    for (int top = 0; top < skeleton.jointCount(); top++) {
      int parent = skeleton.joints().get(top).parentIndex();
      if (!isFoot(skeleton, top) || (parent >= 0 && isFoot(skeleton, parent))) {
        continue;
      }
      boolean[] inside = new boolean[skeleton.pointCount()];
      inside[top] = true;
      List<Integer> points = new ArrayList<>(List.of(top));
      for (int point = top + 1; point < skeleton.pointCount(); point++) {
        int pointParent = skeleton.pointParent(point);
        if (pointParent >= top && inside[pointParent]) {
          inside[point] = true;
          points.add(point);
        }
      }
      chains.add(points.stream().mapToInt(Integer::intValue).toArray());
    }
    return chains.toArray(int[][]::new);
  }

  private static boolean isFoot(BvhSkeleton skeleton, int joint) {
    String name = skeleton.joints().get(joint).name().toLowerCase(Locale.ROOT);
    return name.contains("foot") || name.contains("toe") || name.contains("ankle");
  }

  private boolean[][] landings(List<BvhLanding> landings, BvhSkeleton skeleton, int framesPerSecond) {
    boolean[][] flashes = new boolean[feet.length][frameCount];
    int flashFrames = Math.max(1, (int) Math.round(LANDING_FLASH_SECONDS * framesPerSecond));
    for (BvhLanding found : landings) {
      int foot = footOf(found.jointIndex());
      if (foot < 0) {
        continue;
      }
      int first = (int) Math.round(found.timeSeconds() * framesPerSecond);
      for (int frame = first; frame < Math.min(frameCount, first + flashFrames); frame++) {
        flashes[foot][frame] = true;
      }
    }
    return flashes;
  }

  private int footOf(int joint) {
    for (int foot = 0; foot < feet.length; foot++) {
      if (feet[foot][0] == joint) {
        return foot;
      }
    }
    return -1;
  }

  static @Nullable RigPainter of(@Nullable SceneRig rig, int framesPerSecond, int sceneFrames, CameraPose start,
      boolean pathGiven) {
    return rig == null ? null : new RigPainter(rig, framesPerSecond, sceneFrames, start, pathGiven);
  }
}
