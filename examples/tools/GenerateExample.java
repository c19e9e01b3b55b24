import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes the media files of examples/night-courier: the images, masks, the WAV and the MP4. The BVH,
 * camera path, palette and stack.json are written by hand and not touched. Run from the repository
 * root after building:
 *
 * <pre>
 * java -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED \
 *   -cp "aivid-server/target/lib/*" examples/tools/GenerateExample.java examples/night-courier
 * </pre>
 *
 * Deterministic: every random choice uses a fixed seed.
 */
public final class GenerateExample {
  static final int WIDTH = 1280;
  static final int HEIGHT = 720;

  public static void main(String[] arguments) throws IOException {
    Path directory = Path.of(arguments.length > 0 ? arguments[0] : "examples/night-courier");
    Files.createDirectories(directory);
    write(directory.resolve("courier.png"), character(), "png");
    write(directory.resolve("street-depth.png"), depth(), "png");
    write(directory.resolve("walk-mask.png"), mask(), "png");
    write(directory.resolve("ink-style.jpg"), style(), "jpg");
    write(directory.resolve("no-neon.png"), negative(), "png");
    Files.write(directory.resolve("footsteps.wav"), clickTrack(1.0, 16_000, 120));
    BufferedImage first = reference();
    new PrevizRenderer()
        .render(
            new PrevizSpec(320, 180, 2, 12, "reference framing: low side angle, street level", 7, first),
            directory.resolve("framing-reference.mp4"),
            (done, total) -> {});
  }

  /** The courier: a figure in a red jacket on a dark ground, 512x768. */
  static BufferedImage character() {
    BufferedImage image = new BufferedImage(512, 768, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    g.setPaint(new GradientPaint(0, 0, new Color(0x0b1020), 0, 768, new Color(0x1f3a5f)));
    g.fillRect(0, 0, 512, 768);
    g.setColor(new Color(0xe8c8a8));
    g.fill(new Ellipse2D.Double(206, 90, 100, 120));
    g.setColor(new Color(0x1a1a1a));
    g.fillRoundRect(196, 70, 120, 60, 40, 40);
    g.setColor(new Color(0xc0392b));
    g.fillRoundRect(166, 215, 180, 260, 50, 50);
    g.setStroke(new BasicStroke(38, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.drawLine(180, 240, 130, 430);
    g.drawLine(332, 240, 390, 420);
    g.setColor(new Color(0x22262e));
    g.setStroke(new BasicStroke(46, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.drawLine(220, 470, 200, 700);
    g.drawLine(292, 470, 318, 700);
    g.setColor(new Color(0xf5d76e));
    g.fillRect(230, 300, 52, 22);
    g.dispose();
    return image;
  }

  /** Depth: near (white) at the bottom, far (black) at the horizon, the kerb a step nearer. */
  static BufferedImage depth() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        double ground = y < 300 ? 0.08 : 0.08 + 0.92 * Math.pow((y - 300) / 420.0, 0.8);
        double building = x < 260 || x > 1020 ? 0.35 + 0.25 * (1 - Math.abs(x - 640) / 640.0) : 0;
        double value = Math.max(ground, y < 520 ? building : 0);
        image.getRaster().setSample(x, y, 0, (int) Math.round(Math.min(1, value) * 255));
      }
    }
    return image;
  }

  /** Where the courier walks: a soft white band across the lower middle of the frame. */
  static BufferedImage mask() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < HEIGHT; y++) {
      double band = Math.exp(-Math.pow((y - 430) / 170.0, 2) * 2.5);
      for (int x = 0; x < WIDTH; x++) {
        double edges = Math.min(1, Math.min(x, WIDTH - 1 - x) / 80.0);
        image.getRaster().setSample(x, y, 0, (int) Math.round(band * edges * 255));
      }
    }
    return image;
  }

  /** An ink-wash style plate: soft strokes on paper, 480x270. */
  static BufferedImage style() {
    BufferedImage image = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    g.setColor(new Color(0xefe8da));
    g.fillRect(0, 0, 480, 270);
    Random random = new Random(11);
    for (int stroke = 0; stroke < 40; stroke++) {
      int shade = 30 + random.nextInt(80);
      g.setColor(new Color(shade, shade, shade + 10, 70 + random.nextInt(90)));
      g.setStroke(new BasicStroke(2 + random.nextFloat() * 14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      Path2D.Double path = new Path2D.Double();
      double x = random.nextDouble() * 480;
      double y = random.nextDouble() * 270;
      path.moveTo(x, y);
      path.curveTo(
          x + random.nextGaussian() * 80, y + random.nextGaussian() * 40,
          x + random.nextGaussian() * 80, y + random.nextGaussian() * 40,
          x + random.nextGaussian() * 120, y + random.nextGaussian() * 60);
      g.draw(path);
    }
    g.dispose();
    return image;
  }

  /** What to avoid: a cluttered wall of neon signs, 480x270. */
  static BufferedImage negative() {
    BufferedImage image = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    g.setColor(new Color(0x120818));
    g.fillRect(0, 0, 480, 270);
    Random random = new Random(5);
    Color[] neon = {new Color(0xff2bd6), new Color(0x00f0ff), new Color(0x39ff14), new Color(0xffe600)};
    for (int sign = 0; sign < 26; sign++) {
      g.setColor(neon[random.nextInt(neon.length)]);
      g.setStroke(new BasicStroke(3 + random.nextInt(4)));
      g.drawRoundRect(random.nextInt(440), random.nextInt(240), 30 + random.nextInt(90), 16 + random.nextInt(40), 12, 12);
    }
    g.dispose();
    return image;
  }

  /** The first frame of the framing reference: street level, the courier's colours. */
  static BufferedImage reference() {
    BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    g.setPaint(new GradientPaint(0, 0, new Color(0x0b1020), 0, 180, new Color(0x1f3a5f)));
    g.fillRect(0, 0, 320, 180);
    g.setColor(new Color(0x2c3e50));
    g.fillRect(0, 120, 320, 60);
    g.setColor(new Color(0xc0392b));
    g.fillRoundRect(140, 70, 26, 50, 10, 10);
    g.dispose();
    return image;
  }

  /** Mono 16-bit PCM with a short 1 kHz click on every beat. */
  static byte[] clickTrack(double seconds, int sampleRate, int beatsPerMinute) {
    int samples = (int) Math.round(seconds * sampleRate);
    ByteBuffer data = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    data.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
    data.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    data.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
    data.put("data".getBytes()).putInt(samples * 2);
    int beat = sampleRate * 60 / beatsPerMinute;
    for (int index = 0; index < samples; index++) {
      int sinceBeat = index % beat;
      double envelope = sinceBeat < sampleRate / 50 ? Math.exp(-sinceBeat / (sampleRate / 400.0)) : 0;
      double value = envelope * Math.sin(2 * Math.PI * 1000 * index / sampleRate);
      data.putShort((short) Math.round(value * 0.6 * Short.MAX_VALUE));
    }
    return data.array();
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    return g;
  }

  private static void write(Path file, BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, bytes)) {
      throw new IOException("no writer for " + format);
    }
    Files.write(file, bytes.toByteArray());
  }
}
