package dev.aivid.media.scene;

import dev.aivid.media.previz.GeneratedBackdrop;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPose;
import dev.aivid.media.mask.DepthMap;
import dev.aivid.media.mask.ValueGrid;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A scene with everything that does not change per frame done: camera poses, layer textures (scaled, tinted, masked,
 * extended as far as the camera looks), the placed rig, the palette table and the overlay plates. Immutable; {@link
 * #paint} may run concurrently on different canvases.
 */
public final class PreparedScene {

  /** Depth of the generated backdrop used when no layer is a background. */
  static final double BACKDROP_DEPTH = 30;
  private static final int DEPTH_SAMPLES_PER_SIDE = 64;

  private static final double SUBJECT_CARD_HEIGHT = 0.6;
  private static final double SUBJECT_CARD_BOTTOM = 0.92;
  private static final double FOREGROUND_CARD_HEIGHT = 0.45;
  private static final double FOREGROUND_CARD_INSET = 0.04;

  private final SceneSpec spec;
  private final CameraPath cameraPath;
  private final List<CameraPose> poses;
  private final List<FrameCamera> cameras;
  /** Back to front; the rig is drawn before index {@link #rigSlot}. */
  private final List<LayerTexture> textures;
  private final int rigSlot;
  private final @Nullable RigPainter rig;
  private final @Nullable PaletteGrade grade;
  /** What shows where no layer does: the colours of the top and bottom tenth of the farthest background. */
  private final int skyColour;
  private final int groundColour;
  private final @Nullable SceneBurnIn burnIn;

  private PreparedScene(SceneSpec spec) {
    this.spec = spec;
    int width = spec.width();
    int height = spec.height();
    CameraPath path = spec.cameraPath();
    this.cameraPath = path != null ? path : CameraMoves.fromPrompt(spec.prompt(), spec.seconds());
    List<CameraPose> poseList = new ArrayList<>(spec.frameCount());
    for (int frame = 0; frame < spec.frameCount(); frame++) {
      poseList.add(cameraPath.poseAt(frame / (double) spec.framesPerSecond()));
    }
    this.poses = List.copyOf(poseList);
    CameraPose start = cameraPath.poseAt(0);
    this.cameras = poses.stream().map(pose -> FrameCamera.of(pose, start, width, height)).toList();
    this.textures = textures(spec, cameras);
    int slot = 0;
    while (slot < textures.size() && textures.get(slot).role != LayerRole.FOREGROUND) {
      slot++;
    }
    this.rigSlot = slot;
    this.skyColour = textures.isEmpty() ? 0xFF000000 : bandColour(textures.getFirst(), 0);
    this.groundColour = textures.isEmpty() ? 0xFF000000 : bandColour(textures.getFirst(), 9);
    this.rig = RigPainter.of(spec.rig(), spec.framesPerSecond(), spec.frameCount(), start, path != null);
    this.grade = spec.palette() != null ? new PaletteGrade(spec.palette()) : null;
    this.burnIn = spec.burnIn() ? new SceneBurnIn(spec) : null;
  }

  public static PreparedScene prepare(SceneSpec spec) {
    return new PreparedScene(Objects.requireNonNull(spec, "spec"));
  }

  public SceneSpec spec() {
    return spec;
  }

  public int frameCount() {
    return spec.frameCount();
  }

  /** The path the camera follows: the spec's, or the default move read from the prompt. */
  public CameraPath cameraPath() {
    return cameraPath;
  }

  /** The camera on frame {@code frameIndex}, at {@code frameIndex / framesPerSecond} seconds. */
  public CameraPose pose(int frameIndex) {
    return poses.get(frameIndex);
  }

  /** A canvas for {@link #paint}: TYPE_INT_RGB at the spec's size. */
  public BufferedImage newCanvas() {
    return new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
  }

  /** A newly painted frame. */
  public BufferedImage frame(int frameIndex) {
    BufferedImage canvas = newCanvas();
    paint(frameIndex, canvas);
    return canvas;
  }

  /** Paints frame {@code frameIndex} over all of {@code canvas}, which must come from {@link #newCanvas()}. */
  public void paint(int frameIndex, BufferedImage canvas) {
    Objects.checkIndex(frameIndex, spec.frameCount());
    if (canvas.getType() != BufferedImage.TYPE_INT_RGB || canvas.getWidth() != spec.width()
        || canvas.getHeight() != spec.height()) {
      throw new IllegalArgumentException("canvas must come from newCanvas()");
    }
    int[] pixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
    FrameCamera camera = cameras.get(frameIndex);
    // Layers behind the nearest one that hides the whole screen are not drawn at all.
    int first = textures.size() - 1;
    while (first >= 0 && !LayerRasteriser.coversScreen(textures.get(first), camera)) {
      first--;
    }
    if (first < 0) {
      fillSkyAndGround(pixels, camera);
      first = 0;
    }
    Graphics2D graphics = null;
    try {
      for (int index = first; index <= textures.size(); index++) {
        if (index == rigSlot && rig != null && first < rigSlot) {
          graphics = canvas.createGraphics();
          rig.paint(graphics, camera, frameIndex);
        }
        if (index < textures.size()) {
          LayerRasteriser.draw(textures.get(index), camera, pixels);
        }
      }
      if (grade != null) {
        grade.apply(pixels);
      }
      if (burnIn != null) {
        if (graphics == null) {
          graphics = canvas.createGraphics();
        }
        burnIn.drawOnto(graphics, frameIndex);
      }
    } finally {
      if (graphics != null) {
        graphics.dispose();
      }
    }
  }

  private void fillSkyAndGround(int[] pixels, FrameCamera camera) {
    int width = spec.width();
    int horizon = (int) Math.clamp(Math.round(camera.horizonRow), 0, spec.height());
    Arrays.fill(pixels, 0, horizon * width, skyColour);
    Arrays.fill(pixels, horizon * width, pixels.length, groundColour);
  }

  /** Mean colour of tenth {@code band} (0 = top) of a texture's rows, over its visible texels; black if none. */
  private static int bandColour(LayerTexture texture, int band) {
    int top = texture.height * band / 10;
    int bottom = Math.max(top + 1, texture.height * (band + 1) / 10);
    long red = 0;
    long green = 0;
    long blue = 0;
    long count = 0;
    for (int row = top; row < bottom; row++) {
      for (int column = 0; column < texture.width; column++) {
        int texel = texture.texels[row * texture.width + column];
        if (texel >>> 24 != 0) {
          red += (texel >> 16) & 0xFF;
          green += (texel >> 8) & 0xFF;
          blue += texel & 0xFF;
          count++;
        }
      }
    }
    if (count == 0) {
      return 0xFF000000;
    }
    return 0xFF000000 | (int) (red / count) << 16 | (int) (green / count) << 8 | (int) (blue / count);
  }

  private static List<LayerTexture> textures(SceneSpec spec, List<FrameCamera> cameras) {
    int width = spec.width();
    int height = spec.height();
    List<Layer> layers = new ArrayList<>(spec.layers());
    if (layers.stream().noneMatch(layer -> layer.role() == LayerRole.BACKGROUND)) {
      BufferedImage backdrop = GeneratedBackdrop.paint(width, height, spec.seed(), BufferedImage.TYPE_INT_RGB);
      layers.addFirst(new Layer(backdrop, LayerRole.BACKGROUND, BACKDROP_DEPTH, null));
    }
    int[] cardCounts = new int[LayerRole.values().length];
    for (Layer layer : layers) {
      if (!layer.fillsView()) {
        cardCounts[layer.role().ordinal()]++;
      }
    }
    int[] cardIndices = new int[LayerRole.values().length];
    List<LayerTexture> built = new ArrayList<>();
    for (Layer layer : layers) {
      @Nullable Rectangle2D card = null;
      if (!layer.fillsView()) {
        int role = layer.role().ordinal();
        card = cardRect(layer, cardIndices[role]++, cardCounts[role], width, height);
      }
      double depth = layer.depth();
      DepthMap depthMap = spec.depthMap();
      if (depthMap != null) {
        depth = depthFromMap(depthMap.grid(), layer.mask(), card, width, height, depth);
      }
      built.add(card != null
          ? LayerTextures.card(layer.image(), spec.styleTint(), depth, layer.role(), card, cameras)
          : LayerTextures.fullView(layer.image(), layer.mask(), spec.styleTint(), depth, layer.role(), cameras, width,
              height));
    }
    // Stable: equal roles and depths keep the spec's order.
    built.sort(Comparator.comparing((LayerTexture texture) -> texture.role)
        .thenComparing(texture -> texture.depth, Comparator.reverseOrder()));
    return List.copyOf(built);
  }

  /** See {@link Layer}: subjects spread across the frame standing near the bottom, foreground on the bottom corners. */
  private static Rectangle2D cardRect(Layer layer, int index, int count, int width, int height) {
    double aspect = layer.image().getWidth() / (double) layer.image().getHeight();
    if (layer.role() == LayerRole.FOREGROUND) {
      double cardHeight = FOREGROUND_CARD_HEIGHT * height;
      double cardWidth = cardHeight * aspect;
      double inset = FOREGROUND_CARD_INSET * width;
      double left = index % 2 == 0 ? inset : width - inset - cardWidth;
      return new Rectangle2D.Double(left, height - cardHeight, cardWidth, cardHeight);
    }
    double cardHeight = SUBJECT_CARD_HEIGHT * height;
    double cardWidth = cardHeight * aspect;
    double centre = width * (index + 1.0) / (count + 1);
    double top = SUBJECT_CARD_BOTTOM * height - cardHeight;
    return new Rectangle2D.Double(centre - cardWidth / 2, top, cardWidth, cardHeight);
  }

  /**
   * The mean depth-map value under the layer's footprint (mask above one half, card, or whole frame), read as
   * inverse depth between {@link SceneSpec#DEPTH_MAP_NEAR} and {@link SceneSpec#DEPTH_MAP_FAR}; {@code fallback} when
   * the footprint is empty.
   */
  private static double depthFromMap(ValueGrid grid, @Nullable BufferedImage mask, @Nullable Rectangle2D card,
      int width, int height, double fallback) {
    double sum = 0;
    int count = 0;
    for (int row = 0; row < DEPTH_SAMPLES_PER_SIDE; row++) {
      double y = (row + 0.5) / DEPTH_SAMPLES_PER_SIDE;
      for (int column = 0; column < DEPTH_SAMPLES_PER_SIDE; column++) {
        double x = (column + 0.5) / DEPTH_SAMPLES_PER_SIDE;
        if (card != null && !card.contains(x * width, y * height)) {
          continue;
        }
        if (mask != null && maskValue(mask, (int) (x * mask.getWidth()), (int) (y * mask.getHeight())) < 128) {
          continue;
        }
        sum += grid.value((int) (x * grid.width()), (int) (y * grid.height()));
        count++;
      }
    }
    if (count == 0) {
      return fallback;
    }
    double nearness = sum / count;
    return 1 / (nearness / SceneSpec.DEPTH_MAP_NEAR + (1 - nearness) / SceneSpec.DEPTH_MAP_FAR);
  }

  /**
   * A mask's 0..255 value: the raw sample of an 8-bit grey image (getRGB would gamma-convert Java's linear grey),
   * else the luma of the colour, as {@link LayerTextures} reads it.
   */
  static int maskValue(BufferedImage mask, int x, int y) {
    if (mask.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      return mask.getRaster().getSample(x, y, 0);
    }
    int rgb = mask.getRGB(x, y);
    return StyleTint.luma((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
  }
}
