package dev.aivid.media.probe;

public record AudioInfo(
    String formatName, String codec, double durationSeconds, int sampleRateHertz, int channels) {}
