package dev.aivid.media.mask;

import dev.aivid.media.MediaException;
import dev.aivid.media.image.ImageFormat;
import dev.aivid.media.image.ImageInfo;
import dev.aivid.media.image.Images;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * Loads masks and depth maps from PNG, JPEG or WebP bytes as 0..1 grids at a target size.
 *
 * <p>Decisions: the image must be greyscale, judged on the decoded samples:
 * colour-typed images are accepted when at most 0.1 % of pixels have channels more than 12/255 apart (JPEG chroma noise
 * stays well below that), and the value is the mean of the channels. Colour-mapped depth (e.g. "turbo") is refused
 * rather than guessed. Alpha is ignored. PNG and JPEG are read from their raw samples, so 16-bit greyscale PNGs keep
 * their precision and grey values are not gamma-converted; WebP goes through {@link Images#decode}.
 *
 * <p>Size: the image must have the target size, or the target's aspect ratio within 1 %, in which case it is resampled
 * bilinearly to the target size. The rule is the same for masks and depth maps, since stretching either misplaces
 * what it describes. The size is checked from the headers before decoding. Thread-safe.
 */
public final class Masks {

  /** 8K UHD; a float per pixel keeps the largest grid near 130 MB. */
  public static final long MAX_PIXELS = 7680L * 4320L;
  public static final double ASPECT_TOLERANCE = 0.01;
  public static final double CHANNEL_SPREAD_TOLERANCE = 12.0 / 255;
  public static final double COLOURED_PIXEL_ALLOWANCE = 0.001;
  public static final double COVERAGE_THRESHOLD = 0.5;

  private Masks() {}

  public static Mask readMask(byte @Nullable [] bytes, int targetWidth, int targetHeight) {
    Loaded loaded = load(bytes, targetWidth, targetHeight, "mask");
    long covered = 0;
    for (float value : loaded.grid.valuesUnsafe()) {
      if (value > COVERAGE_THRESHOLD) {
        covered++;
      }
    }
    double coverage = (double) covered / loaded.grid.valuesUnsafe().length;
    return new Mask(loaded.grid, loaded.sourceWidth, loaded.sourceHeight, coverage);
  }

  public static DepthMap readDepth(byte @Nullable [] bytes, int targetWidth, int targetHeight) {
    Loaded loaded = load(bytes, targetWidth, targetHeight, "depth map");
    float minimum = Float.MAX_VALUE;
    float maximum = -Float.MAX_VALUE;
    double sum = 0;
    for (float value : loaded.grid.valuesUnsafe()) {
      minimum = Math.min(minimum, value);
      maximum = Math.max(maximum, value);
      sum += value;
    }
    double mean = sum / loaded.grid.valuesUnsafe().length;
    return new DepthMap(loaded.grid, loaded.sourceWidth, loaded.sourceHeight, loaded.bitsPerSample, minimum, maximum, mean);
  }

  private record Loaded(ValueGrid grid, int sourceWidth, int sourceHeight, int bitsPerSample) {}

  private static Loaded load(byte @Nullable [] bytes, int targetWidth, int targetHeight, String kind) {
    if (targetWidth < 1 || targetHeight < 1 || (long) targetWidth * targetHeight > MAX_PIXELS) {
      throw new IllegalArgumentException("target size must be positive and at most " + MAX_PIXELS + " pixels, was "
          + targetWidth + "x" + targetHeight);
    }
    ImageInfo info = Images.probe(bytes);
    requireSize(info, targetWidth, targetHeight, kind);
    BufferedImage image = decode(bytes, info);
    if (image.getWidth() != info.width() || image.getHeight() != info.height()) {
      throw new MediaException("decode_failed", "decoded " + image.getWidth() + "x" + image.getHeight()
          + " but the headers say " + info.width() + "x" + info.height());
    }
    Samples samples = samples(image, kind);
    ValueGrid grid = ValueGrid.adopt(image.getWidth(), image.getHeight(), samples.values);
    if (grid.width() != targetWidth || grid.height() != targetHeight) {
      grid = resample(grid, targetWidth, targetHeight);
    }
    return new Loaded(grid, info.width(), info.height(), samples.bitsPerSample);
  }

  private static void requireSize(ImageInfo info, int targetWidth, int targetHeight, String kind) {
    if ((long) info.width() * info.height() > MAX_PIXELS) {
      throw new MediaException("decode_failed",
          kind + " of " + info.width() + "x" + info.height() + " exceeds " + MAX_PIXELS + " pixels");
    }
    if (info.width() == targetWidth && info.height() == targetHeight) {
      return;
    }
    double aspect = (double) info.width() / info.height();
    double targetAspect = (double) targetWidth / targetHeight;
    if (Math.abs(aspect / targetAspect - 1) > ASPECT_TOLERANCE) {
      throw new MediaException(MaskErrors.SIZE_MISMATCH, String.format(Locale.ROOT,
          "%s is %dx%d (aspect %.4f) but the target is %dx%d (aspect %.4f); it must match the size or the aspect ratio within 1%%",
          kind, info.width(), info.height(), aspect, targetWidth, targetHeight, targetAspect));
    }
  }

  private static BufferedImage decode(byte @Nullable [] bytes, ImageInfo info) {
    if (bytes == null || info.format() == ImageFormat.WEBP) {
      return Images.decode(bytes);
    }
    @Nullable BufferedImage image;
    try {
      // No disk cache: uploads must not spill into temporary files.
      ImageIO.setUseCache(false);
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException failure) {
      throw new MediaException("decode_failed", "could not decode " + info.format() + " image: " + failure.getMessage(), failure);
    }
    if (image == null) {
      throw new MediaException("decode_failed", "no decoder accepted this " + info.format() + " image");
    }
    return image;
  }

  private record Samples(float[] values, int bitsPerSample) {}

  /** Raw samples scaled to 0..1; colour pixels averaged after the greyscale check. */
  private static Samples samples(BufferedImage image, String kind) {
    int width = image.getWidth();
    int height = image.getHeight();
    ColorModel colourModel = image.getColorModel();
    Raster raster = image.getRaster();
    float[] values = new float[width * height];
    long colouredPixels = 0;
    int[] row = new int[width * raster.getNumBands()];
    if (colourModel instanceof IndexColorModel palette) {
      for (int y = 0; y < height; y++) {
        raster.getSamples(0, y, width, 1, 0, row);
        for (int x = 0; x < width; x++) {
          int index = row[x];
          colouredPixels += store(values, y * width + x,
              palette.getRed(index) / 255.0, palette.getGreen(index) / 255.0, palette.getBlue(index) / 255.0);
        }
      }
      requireGreyscale(colouredPixels, values.length, kind);
      return new Samples(values, 8);
    }
    int components = colourModel.getNumColorComponents();
    int bands = raster.getNumBands();
    if ((components != 1 && components != 3) || bands < components) {
      throw new MediaException(MaskErrors.NOT_GREYSCALE, kind + " has " + components + " colour components; expected grey or RGB");
    }
    int bitsPerSample = raster.getSampleModel().getSampleSize(0);
    double[] maximum = new double[components];
    for (int band = 0; band < components; band++) {
      maximum[band] = (1L << raster.getSampleModel().getSampleSize(band)) - 1;
    }
    for (int y = 0; y < height; y++) {
      raster.getPixels(0, y, width, 1, row);
      for (int x = 0; x < width; x++) {
        int offset = x * bands;
        if (components == 1) {
          values[y * width + x] = (float) (row[offset] / maximum[0]);
        } else {
          colouredPixels += store(values, y * width + x,
              row[offset] / maximum[0], row[offset + 1] / maximum[1], row[offset + 2] / maximum[2]);
        }
      }
    }
    requireGreyscale(colouredPixels, values.length, kind);
    return new Samples(values, bitsPerSample);
  }

  /** Stores the channel mean; returns 1 if the channels are too far apart to call the pixel grey. */
  private static int store(float[] values, int index, double red, double green, double blue) {
    values[index] = (float) Math.clamp((red + green + blue) / 3, 0.0, 1.0);
    double spread = Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue));
    return spread > CHANNEL_SPREAD_TOLERANCE ? 1 : 0;
  }

  private static void requireGreyscale(long colouredPixels, int pixels, String kind) {
    if (colouredPixels > COLOURED_PIXEL_ALLOWANCE * pixels) {
      throw new MediaException(MaskErrors.NOT_GREYSCALE, String.format(Locale.ROOT,
          "%s is not greyscale: %d of %d pixels (%.2f%%) have channels more than 12/255 apart",
          kind, colouredPixels, pixels, 100.0 * colouredPixels / pixels));
    }
  }

  /** Bilinear, pixel centres aligned (as most image libraries resize). */
  static ValueGrid resample(ValueGrid source, int width, int height) {
    float[] input = source.valuesUnsafe();
    int sourceWidth = source.width();
    int sourceHeight = source.height();
    float[] output = new float[width * height];
    double scaleX = (double) sourceWidth / width;
    double scaleY = (double) sourceHeight / height;
    for (int y = 0; y < height; y++) {
      double sourceY = Math.clamp((y + 0.5) * scaleY - 0.5, 0.0, sourceHeight - 1.0);
      int top = (int) sourceY;
      int bottom = Math.min(top + 1, sourceHeight - 1);
      double down = sourceY - top;
      for (int x = 0; x < width; x++) {
        double sourceX = Math.clamp((x + 0.5) * scaleX - 0.5, 0.0, sourceWidth - 1.0);
        int left = (int) sourceX;
        int right = Math.min(left + 1, sourceWidth - 1);
        double across = sourceX - left;
        double upper = input[top * sourceWidth + left] * (1 - across) + input[top * sourceWidth + right] * across;
        double lower = input[bottom * sourceWidth + left] * (1 - across) + input[bottom * sourceWidth + right] * across;
        output[y * width + x] = (float) Math.clamp(upper * (1 - down) + lower * down, 0.0, 1.0);
      }
    }
    return ValueGrid.adopt(width, height, output);
  }
}
