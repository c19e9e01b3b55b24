package dev.aivid.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the ledger's single writer thread was at each stack sample: the stage of the batch it was
 * in, and whether it was blocked on the PostgreSQL socket (the database working, or the WAL flush)
 * rather than running Java.
 */
public record WriterProfile(long samples, Map<String, StageSamples> stages) {
  public record StageSamples(long samples, long inDatabase) {}

  public WriterProfile {
    stages = Map.copyOf(stages);
  }

  public double share(String stage) {
    StageSamples counted = stages.get(stage);
    return counted == null || samples == 0 ? 0 : (double) counted.samples() / samples;
  }

  public double databaseShare(String stage) {
    StageSamples counted = stages.get(stage);
    return counted == null || samples == 0 ? 0 : (double) counted.inDatabase() / samples;
  }

  /** Stages by descending sample count, ties by name. */
  public List<String> stagesBySize() {
    return stages.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, StageSamples>>comparingLong(e -> -e.getValue().samples())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }

  static WriterProfile of(Map<String, long[]> counts) {
    Map<String, StageSamples> stages = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, long[]> entry : counts.entrySet()) {
      stages.put(entry.getKey(), new StageSamples(entry.getValue()[0], entry.getValue()[1]));
      total += entry.getValue()[0];
    }
    return new WriterProfile(total, stages);
  }
}
