package dev.aivid.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same behaviour from every backend: the local disk and S3 run these same cases. */
abstract class BlobBackendContract {
  /** Larger than the S3 backend's 5 MiB parts under test, so S3 stores it as a multipart upload. */
  static final int LARGE_BYTES = 12 * 1024 * 1024 + 12_345;

  @TempDir Path work;
  BlobBackend backend;

  abstract BlobBackend newBackend();

  @BeforeEach
  void createBackend() {
    backend = newBackend();
  }

  @Test
  void aStoredObjectReadsBackWithItsLength() {
    byte[] bytes = "a short clip".getBytes(StandardCharsets.UTF_8);
    backend.put("ab/clip", new ByteArrayInputStream(bytes), bytes.length);

    try (BlobContent content = backend.get("ab/clip").orElseThrow()) {
      assertThat(content.lengthBytes()).isEqualTo(bytes.length);
      assertThat(content.readAllBytes()).isEqualTo(bytes);
    }
    assertThat(backend.exists("ab/clip")).isTrue();
  }

  @Test
  void aFileIsStoredAndConsumed() throws Exception {
    Path file = Files.write(work.resolve("render.mp4"), bytes(70_000, 1));

    backend.putFile("cd/render", file);

    assertThat(file).doesNotExist();
    assertThat(backend.get("cd/render").orElseThrow().readAllBytes()).isEqualTo(bytes(70_000, 1));
  }

  @Test
  void aMissingKeyIsAbsentEverywhere() {
    assertThat(backend.exists("ef/missing")).isFalse();
    assertThat(backend.get("ef/missing")).isEmpty();
    assertThat(backend.get("ef/missing", 0, 10)).isEmpty();
  }

  @Test
  void storingUnderAnExistingKeyReplacesTheObject() {
    put("12/poster", bytes(2_000, 1));
    put("12/poster", bytes(500, 2));

    BlobContent content = backend.get("12/poster").orElseThrow();
    assertThat(content.lengthBytes()).isEqualTo(500);
    assertThat(content.readAllBytes()).isEqualTo(bytes(500, 2));
  }

  @Test
  void aDeletedObjectIsGoneAndDeletingItAgainIsNoError() {
    put("34/sheet", bytes(100, 3));

    backend.delete("34/sheet");
    backend.delete("34/sheet");

    assertThat(backend.exists("34/sheet")).isFalse();
    assertThat(backend.get("34/sheet")).isEmpty();
  }

  @Test
  void aLargeObjectIsStoredWholeFromAFileAndFromAStream() throws Exception {
    byte[] large = bytes(LARGE_BYTES, 4);
    backend.putFile("56/from-file", Files.write(work.resolve("large.mp4"), large));
    backend.put("56/from-stream", new ByteArrayInputStream(large), large.length);

    for (String key : List.of("56/from-file", "56/from-stream")) {
      BlobContent content = backend.get(key).orElseThrow();
      assertThat(content.lengthBytes()).isEqualTo(LARGE_BYTES);
      assertThat(Arrays.equals(content.readAllBytes(), large)).as(key).isTrue();
    }
  }

  @Test
  void aRangeReadsThoseBytesAndStopsAtTheEndOfTheObject() {
    byte[] bytes = bytes(10_000, 5);
    put("78/ranged", bytes);

    assertThat(range("78/ranged", 1_000, 2_000)).isEqualTo(Arrays.copyOfRange(bytes, 1_000, 3_000));
    assertThat(range("78/ranged", 0, 1)).isEqualTo(new byte[] {bytes[0]});
    assertThat(range("78/ranged", 9_000, 5_000)).isEqualTo(Arrays.copyOfRange(bytes, 9_000, 10_000));
    assertThat(range("78/ranged", 9_999, Long.MAX_VALUE)).isEqualTo(new byte[] {bytes[9_999]});
    assertThat(range("78/ranged", 10_000, 10)).isEmpty();
    assertThat(range("78/ranged", 500, 0)).isEmpty();
  }

  @Test
  void aRangeOfALargeObjectCrossesItsParts() {
    byte[] large = bytes(LARGE_BYTES, 6);
    put("9a/large", large);
    int from = 5 * 1024 * 1024 - 100;

    BlobContent content = backend.get("9a/large", from, 300).orElseThrow();

    assertThat(content.lengthBytes()).isEqualTo(300);
    assertThat(content.readAllBytes()).isEqualTo(Arrays.copyOfRange(large, from, from + 300));
  }

  @Test
  void concurrentPutsAllLandAndConcurrentWritersOfOneKeyLeaveOneWholeObject() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        int seed = i;
        puts.add(pool.submit(() -> put("bc/object-" + seed, bytes(40_000 + seed, seed))));
        puts.add(pool.submit(() -> put("bc/shared", bytes(30_000, seed))));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdown();
    }

    for (int i = 0; i < 16; i++) {
      assertThat(backend.get("bc/object-" + i).orElseThrow().readAllBytes()).isEqualTo(bytes(40_000 + i, i));
    }
    byte[] shared = backend.get("bc/shared").orElseThrow().readAllBytes();
    assertThat(shared).hasSize(30_000);
    assertThat(java.util.stream.IntStream.range(0, 16).anyMatch(seed -> Arrays.equals(shared, bytes(30_000, seed))))
        .as("one writer's object, not a mix")
        .isTrue();
  }

  @Test
  void aStreamShorterThanItsDeclaredLengthStoresNothing() {
    assertThatThrownBy(() -> backend.put("de/short", new ByteArrayInputStream(bytes(10, 7)), 20))
        .isInstanceOf(StorageException.class);

    assertThat(backend.exists("de/short")).isFalse();
  }

  @Test
  void keysThatCouldEscapeTheStoreAreRefused() {
    for (String key : List.of("../outside", "/absolute", "ab//c", "ab/../c", "")) {
      assertThatThrownBy(() -> backend.exists(key)).as(key).isInstanceOf(IllegalArgumentException.class);
    }
  }

  void put(String key, byte[] bytes) {
    backend.put(key, new ByteArrayInputStream(bytes), bytes.length);
  }

  byte[] range(String key, long offset, long length) {
    return backend.get(key, offset, length).orElseThrow().readAllBytes();
  }

  static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
