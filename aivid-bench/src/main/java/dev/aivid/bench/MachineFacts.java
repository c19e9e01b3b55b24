package dev.aivid.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the numbers came from; latencies mean little without the machine beside them. */
public record MachineFacts(
    int availableProcessors,
    String cpuModel,
    String javaVersion,
    String javaVendor,
    String operatingSystem,
    long maximumHeapMebibytes) {

  public static MachineFacts current() {
    return new MachineFacts(
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        Runtime.version().toString(),
        System.getProperty("java.vm.vendor", "unknown")
            + " "
            + System.getProperty("java.vm.name", ""),
        System.getProperty("os.name", "unknown")
            + " "
            + System.getProperty("os.version", "")
            + " "
            + System.getProperty("os.arch", ""),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static String readCpuModel() {
    Path cpuInfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuInfo)) {
      return "unknown";
    }
    try (Stream<String> lines = Files.lines(cpuInfo)) {
      return lines
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
