package dev.aivid.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.assets.StackKind;
import dev.aivid.assets.internal.AssetProbe;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.VideoSize;
import dev.aivid.media.detect.ContentSniffer;
import dev.aivid.media.detect.ContentType;
import dev.aivid.stack.Mention;
import dev.aivid.stack.StackEntry;
import dev.aivid.stack.internal.MentionParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/** Synthetic rigs, camera paths, masks and stacks whose motion figures can be worked out by hand. */
final class PreflightFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Rest height of {@link #rig}: the head sits 10 units above the hips. */
  static final double REST_HEIGHT = 10;

  private PreflightFixtures() {}

  /**
   * The catalog with Seedance 2.0 as the market article describes it: native rigs, camera paths,
   * depth maps and masks. The shipped catalog drops those (the documented API has no field for
   * them), which would leave the article's Seedance rules (latent overload, cloth desync) with
   * nothing to check; these tests are about the rules, so they use the article's model.
   */
  static Catalog catalog() {
    return Catalog.parse(catalogJson());
  }

  static PreflightEngine engine() {
    return new PreflightEngine(catalog());
  }

  /** catalog.json as a tree to vary, with Seedance as the article describes it (see {@link #catalog}). */
  static ObjectNode catalogJson() {
    try (InputStream input = Catalog.class.getResourceAsStream("/catalog.json");
        InputStream article = PreflightFixtures.class.getResourceAsStream("/seedance-as-the-article-describes.json")) {
      ObjectNode root = (ObjectNode) JSON.readTree(input);
      for (com.fasterxml.jackson.databind.JsonNode model : root.path("models")) {
        if (model.path("id").asText().equals("seedance-2.0")) {
          ((ObjectNode) model.path("capabilities").path("inputs")).setAll((ObjectNode) JSON.readTree(article));
        }
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode model(ObjectNode catalog, String id) {
    for (JsonNode model : catalog.path("models")) {
      if (model.path("id").asText().equals(id)) {
        return (ObjectNode) model;
      }
    }
    throw new IllegalArgumentException(id);
  }

  static ObjectNode rule(ObjectNode catalog, String modelId, String rule) {
    for (JsonNode node : model(catalog, modelId).path("preflight")) {
      if (node.path("rule").asText().equals(rule)) {
        return (ObjectNode) node;
      }
    }
    throw new IllegalArgumentException(rule);
  }

  /**
   * A model that honours every kind, with {@code maxInputs} and optional per-kind limits, no rules,
   * added to the default catalog.
   */
  static Catalog catalogWith(String id, int maxInputs, Map<String, Integer> kindMax, List<List<String>> exclusive) {
    ObjectNode root = catalogJson();
    ObjectNode model = ((ArrayNode) root.path("models")).addObject();
    model.put("id", id);
    model.put("name", "Test " + id);
    model.put("provider", "test");
    model.put("owned_by", "test");
    model.putObject("lifecycle").put("state", "active");
    model.putObject("seconds").put("min", 1).put("max", 60).put("default", 5);
    model.putObject("size").put("default", "1280x720").put("max_width", 7680).put("max_height", 7680).put("max_pixels", 33177600);
    ObjectNode pricing = model.putObject("pricing");
    pricing.put("source", "test");
    pricing.putArray("tiers").addObject().put("name", "any").put("max_pixels", 33177600).put("credits_per_second", "1");
    ObjectNode capabilities = model.putObject("capabilities");
    capabilities.put("max_inputs", maxInputs);
    ArrayNode groups = capabilities.putArray("exclusive_groups");
    exclusive.forEach(group -> group.forEach(groups.addArray()::add));
    ObjectNode inputs = capabilities.putObject("inputs");
    for (StackKind kind : StackKind.values()) {
      ObjectNode input = inputs.putObject(kind.wireName()).put("treatment", "honoured").put("how", "as is");
      if (kindMax.containsKey(kind.wireName())) {
        input.put("max", kindMax.get(kind.wireName()));
      }
    }
    return Catalog.parse(root);
  }

  /**
   * A two-joint BVH (hips, head 10 units up, an End Site) sampled at {@code framesPerSecond} for
   * {@code seconds}; {@code pose} gives root x, y, z and the Y rotation in degrees at a time.
   */
  static byte[] rig(double seconds, double framesPerSecond, DoubleFunction<double[]> pose) {
    int frames = (int) Math.round(seconds * framesPerSecond) + 1;
    StringBuilder text = new StringBuilder();
    text.append("HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n");
    text.append("  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation\n");
    text.append("  JOINT Head\n  {\n    OFFSET 0 10 0\n    CHANNELS 3 Zrotation Xrotation Yrotation\n");
    text.append("    End Site\n    {\n      OFFSET 0 0 1\n    }\n  }\n}\n");
    text.append("MOTION\nFrames: ").append(frames).append('\n');
    text.append("Frame Time: ").append(String.format(Locale.ROOT, "%.9f", 1 / framesPerSecond)).append('\n');
    for (int frame = 0; frame < frames; frame++) {
      double[] values = pose.apply(frame / framesPerSecond);
      text.append(String.format(Locale.ROOT, "%.9f %.9f %.9f 0 0 %.9f 0 0 0%n", values[0], values[1], values[2], values[3]));
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** A camera at (0, 1.6, 0) panning from yaw 0 to {@code yawDegrees} at a constant rate, a keyframe every ≤ 30°. */
  static byte[] pan(double seconds, double yawDegrees, double fieldOfViewDegrees) {
    int segments = Math.max(1, (int) Math.ceil(Math.abs(yawDegrees) / 30));
    StringBuilder keyframes = new StringBuilder();
    for (int segment = 0; segment <= segments; segment++) {
      double fraction = (double) segment / segments;
      if (segment > 0) {
        keyframes.append(",\n");
      }
      keyframes.append(
          String.format(
              Locale.ROOT,
              "{\"time\": %.9f, \"position\": [0, 1.6, 0], \"rotation\": {\"yaw\": %.9f}, \"fov\": %s}",
              seconds * fraction,
              yawDegrees * fraction,
              fieldOfViewDegrees));
    }
    return ("{\"version\": 1, \"keyframes\": [\n" + keyframes + "\n]}").getBytes(StandardCharsets.UTF_8);
  }

  /** A camera looking along yaw {@code yawDegrees} that moves in a straight line, linearly. */
  static byte[] truck(double seconds, double[] from, double[] to, double yawDegrees) {
    return String.format(
            Locale.ROOT,
            "{\"version\": 1, \"keyframes\": ["
                + "{\"time\": 0, \"position\": [%s, %s, %s], \"rotation\": {\"yaw\": %s}, \"fov\": 50},"
                + "{\"time\": %s, \"position\": [%s, %s, %s], \"rotation\": {\"yaw\": %s}, \"fov\": 50}]}",
            from[0], from[1], from[2], yawDegrees, seconds, to[0], to[1], to[2], yawDegrees)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A greyscale PNG: white left half, black right half. */
  static byte[] greyPng(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width / 2; x++) {
        image.getRaster().setSample(x, y, 0, 255);
      }
    }
    return png(image);
  }

  static byte[] colourPng(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
      }
    }
    return png(image);
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] palette() {
    return "{\"name\": \"test\", \"colours\": [\"#000000\", \"#ff0000\"]}".getBytes(StandardCharsets.UTF_8);
  }

  /** Entries probed exactly as uploads are; mentions resolved as the server does. */
  static final class Stack {
    private final List<PreflightInput> inputs = new ArrayList<>();
    private final List<StackEntry> entries = new ArrayList<>();
    private final Map<StackKind, Integer> ordinals = new EnumMap<>(StackKind.class);

    Stack file(StackKind kind, String fileName, byte[] bytes) {
      Map<String, Object> metadata = probe(fileName, bytes);
      int index = inputs.size();
      int ordinal = ordinals.merge(kind, 1, Integer::sum);
      String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
      StackEntry entry = new StackEntry(index, kind, ordinal, null, stem, null);
      entries.add(entry);
      inputs.add(new PreflightInput(index, kind, entry.mention(), stem, fileName, metadata, null, () -> bytes));
      return this;
    }

    Stack value(StackKind kind, double value) {
      int index = inputs.size();
      int ordinal = ordinals.merge(kind, 1, Integer::sum);
      StackEntry entry = new StackEntry(index, kind, ordinal, null, null, value);
      entries.add(entry);
      inputs.add(new PreflightInput(index, kind, entry.mention(), null, null, Map.of(), value, null));
      return this;
    }

    PreflightRequest request(String prompt, int seconds, String size, String... models) {
      List<Mention> mentions = MentionParser.resolve(prompt, entries);
      return new PreflightRequest(
          prompt, mentions, seconds, VideoSize.parse(size).orElseThrow(), inputs, Arrays.asList(models));
    }
  }

  static Map<String, Object> probe(String fileName, byte[] bytes) {
    ContentType type =
        ContentSniffer.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, ContentSniffer.HEAD_BYTES)))
            .orElseThrow(() -> new IllegalArgumentException(fileName + " is not a supported file"));
    try {
      Path file = Files.createTempFile("preflight-", "-" + fileName);
      try {
        Files.write(file, bytes);
        return AssetProbe.probe(type, file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Finding only(ModelReport report, String rule) {
    List<Finding> found = report.findings().stream().filter(finding -> finding.rule().equals(rule)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + rule + " finding, got " + found + " in " + report.findings());
    }
    return found.getFirst();
  }

  static boolean has(ModelReport report, String rule) {
    return report.findings().stream().anyMatch(finding -> finding.rule().equals(rule));
  }
}
