package dev.aivid.routing;

import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.PreflightRuleConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a long shot as a chain of segments a model can render well: segments never exceed the
 * model's maximum nor a catalog artifact threshold ({@code max_seconds} of a preflight rule, e.g.
 * Kling 8 s); a model with native extend continues its own video in fixed steps, any other continues
 * from the previous segment's last frame. Pure: the storyboard and extension endpoints execute it.
 */
public final class ExtendPlanner {
  /** Minutes of footage at most; beyond that a storyboard of shots is the tool. */
  public static final int MAX_TOTAL_SECONDS = 600;

  private ExtendPlanner() {}

  public static ExtendPlan plan(CatalogModel model, int totalSeconds) {
    if (totalSeconds < 1 || totalSeconds > MAX_TOTAL_SECONDS) {
      throw new IllegalArgumentException("a chain is 1.." + MAX_TOTAL_SECONDS + " seconds, got " + totalSeconds);
    }
    int limit = model.seconds().max();
    String reason = model.displayName() + " renders at most " + limit + " s";
    for (PreflightRuleConfig rule : model.preflightRules()) {
      Double threshold = rule.thresholds().get("max_seconds");
      if (threshold != null && threshold.intValue() < limit) {
        limit = threshold.intValue();
        reason = rule.rule() + " past " + limit + " s (" + rule.source() + ")";
      }
    }
    List<ExtendPlan.Segment> segments = new ArrayList<>();
    if (totalSeconds <= limit && model.seconds().accepts(totalSeconds)) {
      segments.add(new ExtendPlan.Segment(0, totalSeconds, ExtendPlan.Mode.FIRST));
      return new ExtendPlan(totalSeconds, limit, segments, 0, "one segment: within " + limit + " s");
    }
    boolean nativeExtend =
        model.features().extend().equals("native") && model.features().extendSecondsPerStep() > 0;
    int first = longestAccepted(model, Math.min(limit, totalSeconds));
    segments.add(new ExtendPlan.Segment(0, first, ExtendPlan.Mode.FIRST));
    int covered = first;
    while (covered < totalSeconds) {
      int remaining = totalSeconds - covered;
      if (nativeExtend) {
        int step = model.features().extendSecondsPerStep();
        segments.add(new ExtendPlan.Segment(segments.size(), step, ExtendPlan.Mode.NATIVE_EXTEND));
        covered += step;
      } else {
        int next = atLeast(model, Math.min(limit, remaining), limit);
        segments.add(new ExtendPlan.Segment(segments.size(), next, ExtendPlan.Mode.LAST_FRAME));
        covered += next;
      }
    }
    return new ExtendPlan(
        totalSeconds,
        limit,
        segments,
        covered - totalSeconds,
        reason + (nativeExtend ? "; continued natively in " + model.features().extendSecondsPerStep() + " s steps" : "; continued from each segment's last frame"));
  }

  /**
   * True when a shot of {@code totalSeconds} is made as a chain on the model: longer than the model
   * renders at once, and the model continues a video (natively or from its last frame).
   */
  public static boolean chains(CatalogModel model, int totalSeconds) {
    return totalSeconds > model.seconds().max()
        && totalSeconds <= MAX_TOTAL_SECONDS
        && !model.features().extend().equals("none");
  }

  /** The longest segment the model is asked for: its maximum, or an artifact threshold below it. */
  public static int segmentLimit(CatalogModel model) {
    int limit = model.seconds().max();
    for (PreflightRuleConfig rule : model.preflightRules()) {
      Double threshold = rule.thresholds().get("max_seconds");
      if (threshold != null && threshold.intValue() < limit) {
        limit = threshold.intValue();
      }
    }
    return limit;
  }

  /**
   * The length of a last-frame continuation when {@code remainingSeconds} are still to be made
   * (the plan's own rule); used when a chain continues on another model after a failover.
   */
  public static int continuationSeconds(CatalogModel model, int remainingSeconds) {
    if (remainingSeconds < 1) {
      throw new IllegalArgumentException("nothing remains to continue");
    }
    int limit = segmentLimit(model);
    return atLeast(model, Math.min(limit, remainingSeconds), limit);
  }

  /** The longest length the model accepts that is at most {@code ceiling}. */
  private static int longestAccepted(CatalogModel model, int ceiling) {
    for (int seconds = ceiling; seconds >= 1; seconds--) {
      if (model.seconds().accepts(seconds)) {
        return seconds;
      }
    }
    return model.seconds().min();
  }

  /** The shortest accepted length that covers {@code wanted}, else the longest within the limit. */
  private static int atLeast(CatalogModel model, int wanted, int limit) {
    for (int seconds = wanted; seconds <= limit; seconds++) {
      if (model.seconds().accepts(seconds)) {
        return seconds;
      }
    }
    return longestAccepted(model, limit);
  }
}
