package dev.aivid.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.media.qc.Interval;
import dev.aivid.media.qc.QcIssue;
import dev.aivid.media.qc.QcReport;
import java.util.List;

/** The wire shape of a QC report (snake case, seconds as numbers). */
final class QcJson {
  private QcJson() {}

  static ObjectNode report(ObjectMapper json, QcReport report) {
    ObjectNode node = json.createObjectNode();
    node.put("passes", report.passes());
    node.put("container", report.container());
    node.put("video_codec", report.videoCodec());
    node.put("width", report.width());
    node.put("height", report.height());
    node.put("frames_per_second", report.framesPerSecond());
    node.put("duration_seconds", report.durationSeconds());
    node.put("frame_count", report.frameCount());
    intervals(node.putArray("black_intervals"), report.blackIntervals());
    intervals(node.putArray("frozen_intervals"), report.frozenIntervals());
    ArrayNode cuts = node.putArray("scene_cut_seconds");
    report.sceneCutSeconds().forEach(cuts::add);
    node.put("flicker_score", report.flickerScore());
    node.put("mean_absolute_frame_difference", report.meanAbsoluteFrameDifference());
    ArrayNode issues = node.putArray("issues");
    for (QcIssue issue : report.issues()) {
      issues.addObject().put("code", issue.code()).put("severity", issue.severity()).put("message", issue.message());
    }
    return node;
  }

  private static void intervals(ArrayNode target, List<Interval> intervals) {
    intervals.forEach(interval -> target.addObject().put("start_seconds", interval.startSeconds()).put("end_seconds", interval.endSeconds()));
  }
}
