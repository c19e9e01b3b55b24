package dev.aivid.jobs;

import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.VideoSize;
import dev.aivid.preflight.ModelReport;
import dev.aivid.routing.ShotPlan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A video routed and preflighted but not stored or held yet: a storyboard plans every shot first,
 * then holds them together and stores them, or estimates them and stores nothing.
 */
public final class PlannedVideo {
  final RoutePlanning.Planned planned;
  final RoutePlanning.Target target;
  final String prompt;
  final int seconds;
  final VideoSize size;
  final long seed;
  final @Nullable String inputSha256;
  final @Nullable String remixedFrom;
  final ShotPlan plan;
  /** The seconds held and charged for: an extension's added seconds; else all of them. */
  final int billedSeconds;
  /** The finished first segment of a chain that continues an existing video (an extension). */
  final @Nullable ChainSegment continues;
  final @Nullable String note;
  final long estimateMicros;

  PlannedVideo(
      RoutePlanning.Planned planned,
      RoutePlanning.Target target,
      String prompt,
      int seconds,
      VideoSize size,
      long seed,
      @Nullable String inputSha256,
      @Nullable String remixedFrom,
      ShotPlan plan) {
    this(planned, target, prompt, seconds, size, seed, inputSha256, remixedFrom, plan, seconds, null, null);
  }

  PlannedVideo(
      RoutePlanning.Planned planned,
      RoutePlanning.Target target,
      String prompt,
      int seconds,
      VideoSize size,
      long seed,
      @Nullable String inputSha256,
      @Nullable String remixedFrom,
      ShotPlan plan,
      int billedSeconds,
      @Nullable ChainSegment continues,
      @Nullable String note) {
    if (billedSeconds < 1 || billedSeconds > seconds) {
      throw new IllegalArgumentException("billedSeconds must be 1.." + seconds + ", not " + billedSeconds);
    }
    this.planned = planned;
    this.target = target;
    this.prompt = prompt;
    this.seconds = seconds;
    this.size = size;
    this.seed = seed;
    this.inputSha256 = inputSha256;
    this.remixedFrom = remixedFrom;
    this.plan = plan;
    this.billedSeconds = billedSeconds;
    this.continues = continues;
    this.note = note;
    this.estimateMicros = planned.model().pricing().priceMicros(size, billedSeconds);
  }

  public CatalogModel model() {
    return planned.model();
  }

  /** What the request named: {@code auto}, a model, or a retired model that was rerouted. */
  public String requested() {
    return target.requested();
  }

  public boolean routed() {
    return target instanceof RoutePlanning.Target.Auto;
  }

  public String explanation() {
    return planned.decision().explanation();
  }

  public List<String> fallbacks() {
    return routed() ? planned.decision().fallbacks() : List.of();
  }

  public List<String> notes() {
    return planned.notes();
  }

  public int seconds() {
    return seconds;
  }

  public VideoSize size() {
    return size;
  }

  public long estimateMicros() {
    return estimateMicros;
  }

  /** The chosen model's preflight: verdict, findings, what each control became. */
  public @Nullable ModelReport report() {
    return planned.report();
  }
}
