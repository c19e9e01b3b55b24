package dev.aivid.jobs;

import java.time.Instant;

/**
 * A reusable identity reference (OpenAI's video character): a name and the video it was made from,
 * with one still of it that every render naming the character sends as its reference image.
 */
public record VideoCharacter(
    String id, String organizationId, String name, String videoSha256, String imageSha256, Instant createdAt) {}
