package dev.aivid.media.scene;

import dev.aivid.media.palette.Colour;
import dev.aivid.media.palette.Palette;
import java.util.List;

/**
 * Maps every pixel to a palette colour through a 32×32×32 table (5 bits per channel), built once: each cell holds the
 * palette colour nearest (Euclidean in sRGB) to the cell's centre. A pixel within 4 levels of a cell border may get
 * the neighbour's choice instead of its own exact nearest colour; the output is always a palette colour.
 */
final class PaletteGrade {

  private final int[] table = new int[1 << 15];

  PaletteGrade(Palette palette) {
    List<Colour> colours = palette.colours();
    int[] reds = new int[colours.size()];
    int[] greens = new int[colours.size()];
    int[] blues = new int[colours.size()];
    for (int index = 0; index < colours.size(); index++) {
      reds[index] = colours.get(index).red();
      greens[index] = colours.get(index).green();
      blues[index] = colours.get(index).blue();
    }
    for (int cell = 0; cell < table.length; cell++) {
      int red = ((cell >> 10) << 3) + 4;
      int green = (((cell >> 5) & 31) << 3) + 4;
      int blue = ((cell & 31) << 3) + 4;
      int best = 0;
      int bestDistance = Integer.MAX_VALUE;
      for (int index = 0; index < reds.length; index++) {
        int dr = red - reds[index];
        int dg = green - greens[index];
        int db = blue - blues[index];
        int distance = dr * dr + dg * dg + db * db;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = index;
        }
      }
      table[cell] = 0xFF000000 | (reds[best] << 16) | (greens[best] << 8) | blues[best];
    }
  }

  void apply(int[] pixels) {
    for (int index = 0; index < pixels.length; index++) {
      int pixel = pixels[index];
      pixels[index] = table[((pixel >> 9) & 0x7C00) | ((pixel >> 6) & 0x3E0) | ((pixel >> 3) & 0x1F)];
    }
  }
}
