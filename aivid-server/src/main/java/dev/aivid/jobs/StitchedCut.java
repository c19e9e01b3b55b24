package dev.aivid.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One stitched cut: the MP4 by content hash, its CMX3600 EDL, and a summary (cuts, EDL as JSON). */
public record StitchedCut(
    String id, String organizationId, String videoSha256, String edlCmx3600, ObjectNode summary, Instant createdAt) {}
