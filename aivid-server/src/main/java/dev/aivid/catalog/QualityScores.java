package dev.aivid.catalog;

/** Benchmark scores out of 10 (the brief's table), with where they come from. */
public record QualityScores(double temporalConsistency, double motionFluidity, String source) {}
