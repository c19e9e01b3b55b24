package dev.aivid.media.sound;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The timing an MP4 declares for its sound track, read from the boxes themselves (ISO/IEC 14496-12): the edit list's
 * first entry (which media time plays first, and for how long) and the sample table's total duration.
 *
 * @param editMediaTime first media sample played, in the track's timescale: the priming samples skipped
 * @param editDurationSeconds how long the edit plays, from the movie timescale
 * @param mediaSamples sum of the sample table (stts) durations, priming and padding included
 */
record Mp4AudioTiming(long editMediaTime, double editDurationSeconds, long trackTimescale, long mediaSamples) {

  static Mp4AudioTiming read(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    var reading = new Reading();
    walk(bytes, 0, bytes.limit(), reading);
    if (reading.found == null) {
      throw new IllegalStateException("no sound track in " + file);
    }
    return reading.found;
  }

  private static final class Reading {
    long movieTimescale;
    long editDuration;
    long editMediaTime;
    long trackTimescale;
    long mediaSamples;
    boolean sound;
    Mp4AudioTiming found;
  }

  private static void walk(ByteBuffer bytes, int from, int to, Reading reading) {
    int offset = from;
    while (offset + 8 <= to) {
      long size = Integer.toUnsignedLong(bytes.getInt(offset));
      String type = new String(bytes.array(), offset + 4, 4, StandardCharsets.ISO_8859_1);
      int header = 8;
      if (size == 1) {
        size = bytes.getLong(offset + 8);
        header = 16;
      }
      int body = offset + header;
      int end = (int) (offset + size);
      switch (type) {
        case "moov", "mdia", "minf", "stbl", "edts" -> walk(bytes, body, end, reading);
        case "trak" -> {
          reading.sound = false;
          walk(bytes, body, end, reading);
          if (reading.sound && reading.found == null) {
            reading.found = new Mp4AudioTiming(reading.editMediaTime,
                reading.editDuration / (double) reading.movieTimescale, reading.trackTimescale,
                reading.mediaSamples);
          }
        }
        case "mvhd" -> reading.movieTimescale = bytes.get(body) == 1
            ? Integer.toUnsignedLong(bytes.getInt(body + 20)) : Integer.toUnsignedLong(bytes.getInt(body + 12));
        case "mdhd" -> reading.trackTimescale = bytes.get(body) == 1
            ? Integer.toUnsignedLong(bytes.getInt(body + 20)) : Integer.toUnsignedLong(bytes.getInt(body + 12));
        case "hdlr" -> reading.sound = "soun".equals(
            new String(bytes.array(), body + 8, 4, StandardCharsets.ISO_8859_1));
        case "elst" -> {
          boolean wide = bytes.get(body) == 1;
          reading.editDuration = wide ? bytes.getLong(body + 8) : Integer.toUnsignedLong(bytes.getInt(body + 8));
          reading.editMediaTime = wide ? bytes.getLong(body + 16) : bytes.getInt(body + 12);
        }
        case "stts" -> {
          long total = 0;
          int entries = bytes.getInt(body + 4);
          for (int entry = 0; entry < entries; entry++) {
            int at = body + 8 + 8 * entry;
            total += Integer.toUnsignedLong(bytes.getInt(at)) * Integer.toUnsignedLong(bytes.getInt(at + 4));
          }
          reading.mediaSamples = total;
        }
        default -> { }
      }
      offset = end;
    }
  }
}
