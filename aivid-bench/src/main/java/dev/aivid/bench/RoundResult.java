package dev.aivid.bench;

/**
 * One target's measurements in one round. Latency runs from the intended send time to the last
 * response byte; send lag is how late the driver actually started sending, which shows how much of
 * the latency the load generator itself adds.
 */
public record RoundResult(
    String targetName,
    int round,
    LatencySummary latency,
    LatencySummary sendLag,
    int errorCount,
    double achievedRequestsPerSecond) {}
