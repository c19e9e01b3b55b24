package dev.aivid.preview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A stored preview: its files by content hash and what the render measured and decided. */
public record Preview(
    String id,
    String organizationId,
    String videoSha256,
    String posterSha256,
    String contactSheetSha256,
    ObjectNode summary,
    Instant createdAt) {}
