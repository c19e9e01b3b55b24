package dev.aivid.jobs;

import java.util.List;

public record VideoPage(List<VideoJob> videos, boolean hasMore) {}
