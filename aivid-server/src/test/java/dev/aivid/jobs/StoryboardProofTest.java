package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.App;
import dev.aivid.catalog.Catalog;
import dev.aivid.config.ProviderConfig;
import dev.aivid.media.probe.AudioInfo;
import dev.aivid.media.probe.AudioProbe;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.providers.kling.FakeKlingServer;
import dev.aivid.providers.seedance.FakeSeedanceServer;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestServers;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's storyboard proof: six shots across the fake Kling and Seedance servers (each finishing
 * after several polls) and the local engine, one shot failing at Seedance and failing over to Kling
 * inside its part of the board's hold, one refused by an overloaded Kling and retried there (its
 * fallback would not fit its part), one longer than Kling renders at once (capped at 5 s here by a
 * catalog override) extended natively, a 120 BPM click track with snapped cuts. The cut is read
 * back frame by frame: every output frame is matched to the nearest frame of each shot's own video,
 * which gives the shot order, the hard cuts, the crossfades (blends of neither shot) and so the
 * measured cut frames; those must sit on the soundtrack's beats and equal the EDL's record times.
 */
class StoryboardProofTest {
  private static final int FPS = 24;
  private static final int KLING_MAX_SECONDS = 5;
  /** Clicks at 0.375 s + k/2 s: beats fall 3 frames before the whole-second grid shots cut on. */
  private static final double FIRST_CLICK_SECONDS = 0.375;
  private static final double BPM = 120;
  private static final int ANALYSIS_WIDTH = 16;
  private static final int ANALYSIS_HEIGHT = 10;
  /** Mean absolute difference (0..255) under which an output frame shows a shot's own frame. */
  private static final double SAME_PICTURE = 3.0;
  private static final String CITYSCAPE =
      "Wide establishing shot of a neon cityscape at night, the skyline under soft rain";
  private static final String SPRINT = "A courier sprints across the rooftop and leaps the gap";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FakeKlingServer kling;
  private static FakeSeedanceServer seedance;
  private static App app;
  private static Path directory;

  @BeforeAll
  static void start() throws Exception {
    kling = FakeKlingServer.start();
    kling.looksFromPrompts();
    kling.completeAfterPolls(3);
    seedance = FakeSeedanceServer.start();
    seedance.pollsToComplete(3);
    directory = TestServers.temporaryDirectory("aivid-board-proof-");
    ProviderConfig providers =
        ChainTestSupport.withCatalog(
            ProviderConfig.defaults().withCredential("kling", kling.credential().fields()).withPrivateBaseUrls(true),
            shortKlingCatalog(directory));
    app = App.start(TestServers.config(directory).withProviders(providers));
  }

  @AfterAll
  static void stop() {
    app.close();
    kling.close();
    seedance.close();
  }

  private record ShotSpec(String prompt, int seconds, String model, String transition, double crossfadeSeconds) {
    String json() {
      ObjectNode shot = JSON.createObjectNode().put("prompt", prompt).put("seconds", Integer.toString(seconds));
      if (!model.equals("auto")) {
        shot.put("model", model);
      }
      shot.put("transition", transition);
      if (crossfadeSeconds > 0) {
        shot.put("crossfade_seconds", crossfadeSeconds);
      }
      return shot.toString();
    }

    int overlapFrames() {
      return (int) Math.round(crossfadeSeconds * FPS);
    }
  }

  private static final List<ShotSpec> SHOTS =
      List.of(
          new ShotSpec("A lighthouse on a basalt cliff at first light", 2, "local/previz", "cut", 0),
          new ShotSpec("A red kite dives over the dunes", 3, "kling-v3", "crossfade", 0.5),
          new ShotSpec(CITYSCAPE, 5, "auto", "cut", 0),
          new ShotSpec("A ferry crosses a green bay towards the harbour", 6, "kling-v3", "match_on_beat", 0),
          new ShotSpec("Gulls scatter from the harbour wall", 2, "local/previz", "crossfade", 0.4),
          new ShotSpec(SPRINT, 5, "auto", "cut", 0));

  @Test
  void sixShotsWithAFailoverAChainAndASoundtrackBecomeOneCutWhoseFramesBeatsAndEdlAgree() throws Exception {
    Http http = tenant();
    String soundtrack = upload(http, "clicks.wav", clickTrackWav(24));
    Http.Response beatsResponse = http.postJson("/v1/audio/beats", "{\"asset_id\":\"" + soundtrack + "\"}");
    assertThat(beatsResponse.status()).as(beatsResponse.text()).isEqualTo(200);
    List<Double> beats = new ArrayList<>();
    beatsResponse.json().path("beats").forEach(beat -> beats.add(beat.asDouble()));
    seedance.failNextTask("InternalServiceError", "the render crashed");
    // Kling is overloaded for the sprint's first create (all three of the HTTP client's attempts).
    kling.refuseCreatesOf(SPRINT, 3);

    StringBuilder body =
        new StringBuilder("{\"size\":\"1280x720\",\"frames_per_second\":" + FPS + ",\"title\":\"PROOF\",\"snap_to_beats\":true,")
            .append("\"soundtrack_asset_id\":\"").append(soundtrack).append("\",\"shots\":[");
    for (int index = 0; index < SHOTS.size(); index++) {
      body.append(index == 0 ? "" : ",").append(SHOTS.get(index).json());
    }
    Http.Response created = http.postJson("/v1/storyboards", body.append("]}").toString());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode preflightShots = created.json().path("shots");
    assertThat(preflightShots.get(2).path("model").asText()).as("the cityscape is routed to Seedance").isEqualTo("seedance-2.0");
    assertThat(preflightShots.get(5).path("model").asText()).as("the sprint is routed to Kling").isEqualTo("kling-v3");
    String boardId = created.json().path("id").asText();

    JsonNode board =
        Await.until(
            () -> http.get("/v1/storyboards/" + boardId).json(),
            done -> done.path("status").asText().matches("completed|failed"),
            Duration.ofSeconds(150));

    assertThat(board.path("status").asText()).as(board.toString()).isEqualTo("completed");
    JsonNode shots = board.path("shots");
    List<String> videoIds = new ArrayList<>();
    List<String> models = new ArrayList<>();
    shots.forEach(
        shot -> {
          assertThat(shot.path("status").asText()).isEqualTo("completed");
          videoIds.add(shot.path("video_id").asText());
          models.add(shot.path("model").asText());
        });
    assertThat(models).containsExactly("local/previz", "kling-v3", "kling-v3", "kling-v3", "local/previz", "kling-v3");

    // The failover: Seedance failed the render once; Kling made it, priced inside the shot's part.
    JsonNode failoverRouting = http.get("/v1/videos/" + videoIds.get(2) + "/routing").json();
    assertThat(failoverRouting.path("notes").toString()).contains("Failed over from seedance-2.0 to kling-v3", "inside storyboard");
    assertThat(seedance.createCount()).isEqualTo(1);
    JsonNode failoverHold = http.get("/v1/credits/ledger?kind=pending&video_id=" + videoIds.get(2)).json().path("data");
    assertThat(failoverHold).hasSize(1);
    assertThat(failoverHold.get(0).path("amount").asText()).as("its part: 5 s of Seedance at 720p").isEqualTo("46.5");
    JsonNode failoverPost = http.get("/v1/credits/ledger?kind=post&video_id=" + videoIds.get(2)).json().path("data");
    assertThat(failoverPost).hasSize(1);
    assertThat(failoverPost.get(0).path("amount").asText()).as("5 s of Kling at 720p").isEqualTo("42");
    assertThat(shots.get(2).path("charged_credits").asText()).isEqualTo("42");

    // The overloaded sprint: retried on Kling (its Seedance fallback costs more than its part), not failed over.
    assertThat(http.get("/v1/videos/" + videoIds.get(5) + "/routing").json().path("notes").toString()).doesNotContain("Failed over");
    assertThat(kling.createRequests().stream().filter(request -> request.path("prompt").asText().equals(SPRINT)).count())
        .as("three refused attempts, then the retry").isEqualTo(4);

    // The chain: 6 s on a Kling capped at 5 s is a 5 s render and one native extend of it.
    JsonNode chainRouting = http.get("/v1/videos/" + videoIds.get(3) + "/routing").json();
    JsonNode segments = chainRouting.path("chain").path("segments");
    assertThat(segments).as(chainRouting.toString()).hasSize(2);
    assertThat(segments.get(0).path("method").asText()).isEqualTo("first");
    assertThat(segments.get(1).path("method").asText()).isEqualTo("native_extend");
    segments.forEach(segment -> assertThat(segment.path("model").asText()).isEqualTo("kling-v3"));
    List<String> paths = kling.createPaths();
    assertThat(paths.stream().filter(path -> path.endsWith("/video-extend")).count()).isEqualTo(1);
    assertThat(paths.stream().filter(path -> path.endsWith("/text2video")).count()).as(paths.toString()).isEqualTo(7);
    JsonNode extend = kling.createRequests().get(paths.indexOf("/v1/videos/video-extend"));
    assertThat(kling.taskOfVideo(extend.path("video_id").asText()))
        .isEqualTo(segments.get(0).path("provider_handle").asText().split(":")[1]);

    // Credits: one part per shot, held at once and each settled once; the board's sums are the shots'.
    // local 2 s at 720p 0.2, Kling 3 s 25.2, Seedance 5 s 46.5, the 6 s Kling chain 50.4, Kling 5 s 42.
    assertThat(created.json().path("credits").path("estimated").asText()).isEqualTo("164.5");
    assertThat(created.json().path("credits").path("held").asText()).isEqualTo("164.5");
    BigDecimal estimated = BigDecimal.ZERO;
    BigDecimal charged = BigDecimal.ZERO;
    for (JsonNode shot : shots) {
      assertThat(shot.path("held_credits").asText()).isEqualTo("0");
      assertThat(new BigDecimal(shot.path("charged_credits").asText()))
          .isLessThanOrEqualTo(new BigDecimal(shot.path("estimated_credits").asText()));
      estimated = estimated.add(new BigDecimal(shot.path("estimated_credits").asText()));
      charged = charged.add(new BigDecimal(shot.path("charged_credits").asText()));
    }
    assertThat(new BigDecimal(board.path("credits").path("estimated").asText())).isEqualByComparingTo(estimated);
    assertThat(new BigDecimal(board.path("credits").path("charged").asText())).isEqualByComparingTo(charged);
    assertThat(board.path("credits").path("held").asText()).isEqualTo("0");
    // The failed-over shot is charged Kling's 42 from its 46.5 part; the rest as estimated.
    assertThat(charged).isEqualByComparingTo("160");
    BigDecimal heldAtOnce = BigDecimal.ZERO;
    for (JsonNode transfer : http.get("/v1/credits/ledger?kind=pending").json().path("data")) {
      heldAtOnce = heldAtOnce.add(new BigDecimal(transfer.path("amount").asText()));
      assertThat(transfer.path("reason").asText()).contains(boardId);
    }
    assertThat(heldAtOnce).isEqualByComparingTo("164.5");
    JsonNode balance = http.get("/v1/credits").json();
    assertThat(balance.path("pending").asText()).isEqualTo("0");
    assertThat(new BigDecimal(balance.path("posted").asText())).isEqualByComparingTo(charged);
    assertThat(new BigDecimal(balance.path("available").asText())).isEqualByComparingTo(new BigDecimal("1000").subtract(charged));
    long holds = 0;
    long posts = 0;
    for (JsonNode transfer : http.get("/v1/credits/ledger").json().path("data")) {
      holds += transfer.path("kind").asText().equals("pending") ? 1 : 0;
      posts += transfer.path("kind").asText().equals("post") ? 1 : 0;
    }
    assertThat(holds).isEqualTo(6);
    assertThat(posts).isEqualTo(6);
    assertThat(app.ledger().verify().drifts()).isEmpty();

    // The file.
    Path cut = directory.resolve("proof-cut.mp4");
    Files.write(cut, http.get(board.path("video_url").asText()).body());
    VideoInfo info = VideoProbe.probe(cut);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    assertThat(info.framesPerSecond()).isCloseTo(FPS, within(0.01));
    assertThat(info.hasAudio()).isTrue();
    AudioInfo audio = AudioProbe.probe(cut);
    assertThat(audio.codec()).isEqualTo("aac");
    assertThat(audio.durationSeconds()).isGreaterThanOrEqualTo(info.durationSeconds() - 1.0 / FPS);

    List<int[]> output = frames(cut);
    List<List<int[]>> shotFrames = new ArrayList<>();
    for (int index = 0; index < videoIds.size(); index++) {
      Path file = directory.resolve("shot-" + index + ".mp4");
      Files.write(file, http.get("/v1/videos/" + videoIds.get(index) + "/content").body());
      shotFrames.add(frames(file));
    }
    for (int index = 1; index < shotFrames.size(); index++) {
      assertThat(difference(middle(shotFrames.get(index - 1)), middle(shotFrames.get(index))))
          .as("shots %s and %s look different", index - 1, index)
          .isGreaterThan(4 * SAME_PICTURE);
    }
    assertThat(info.durationSeconds()).isCloseTo(output.size() / (double) FPS, within(1.0 / FPS + 1e-6));

    // Which shot each output frame shows (-1: a blend of two), and so the order and the cut frames.
    int[] shown = new int[output.size()];
    for (int frame = 0; frame < output.size(); frame++) {
      shown[frame] = -1;
      double best = SAME_PICTURE;
      for (int shot = 0; shot < shotFrames.size(); shot++) {
        double distance = nearest(output.get(frame), shotFrames.get(shot));
        if (distance < best) {
          best = distance;
          shown[frame] = shot;
        }
      }
    }
    int[] first = new int[SHOTS.size()];
    int[] last = new int[SHOTS.size()];
    Arrays.fill(first, -1);
    int previous = 0;
    for (int frame = 0; frame < shown.length; frame++) {
      if (shown[frame] < 0) {
        continue;
      }
      assertThat(shown[frame]).as("frame %s: shots in order (%s)", frame, runs(shown)).isBetween(previous, previous + 1);
      previous = shown[frame];
      first[previous] = first[previous] < 0 ? frame : first[previous];
      last[previous] = frame;
    }
    assertThat(first).as(runs(shown)).doesNotContain(-1);
    assertThat(first[0]).isZero();
    assertThat(last[SHOTS.size() - 1]).isEqualTo(output.size() - 1);

    double[] changes = new double[output.size()];
    for (int frame = 1; frame < output.size(); frame++) {
      changes[frame] = difference(output.get(frame - 1), output.get(frame));
    }
    int[] measuredCut = new int[SHOTS.size()];
    int shortenedBySnapping = 0;
    int overlaps = 0;
    for (int index = 1; index < SHOTS.size(); index++) {
      ShotSpec spec = SHOTS.get(index);
      int blended = first[index] - last[index - 1] - 1;
      if (spec.transition().equals("crossfade")) {
        // The ends of a dissolve are within noise of its shots; the weights of its middle frames place its start.
        int overlap = spec.overlapFrames();
        assertThat(blended).as("crossfade into shot %s (%s)", index, runs(shown)).isBetween(overlap - 3, overlap);
        double starts = 0;
        int weighed = 0;
        double previousWeight = 0;
        for (int frame = last[index - 1] + 1; frame < first[index]; frame++) {
          double fromOutgoing = nearest(output.get(frame), shotFrames.get(index - 1));
          double fromIncoming = nearest(output.get(frame), shotFrames.get(index));
          double weight = fromOutgoing / (fromOutgoing + fromIncoming);
          assertThat(weight).as("crossfade into shot %s fades in at frame %s", index, frame).isGreaterThan(previousWeight - 0.05);
          previousWeight = weight;
          if (weight > 0.15 && weight < 0.85) {
            // Frame S + k of a dissolve of O frames shows the incoming shot at weight (k + 1) / (O + 1).
            starts += frame + 1 - weight * (overlap + 1);
            weighed++;
          }
        }
        assertThat(weighed).as("crossfade into shot %s has blended frames", index).isGreaterThan(overlap / 2);
        measuredCut[index] = (int) Math.round(starts / weighed);
        int[] middle = output.get(measuredCut[index] + overlap / 2);
        assertBetween(middle, output.get(last[index - 1]), output.get(first[index]), index);
        overlaps += overlap;
      } else {
        measuredCut[index] = first[index];
        assertThat(blended).as("a hard cut into shot %s (%s)", index, runs(shown)).isZero();
        int at = measuredCut[index];
        assertThat(changes[at]).as("frame difference at the cut into shot %s", index).isGreaterThan(4 * SAME_PICTURE);
        for (int frame = Math.max(1, at - 6); frame <= Math.min(changes.length - 1, at + 6); frame++) {
          assertThat(changes[at]).as("the cut into shot %s is the largest change near it", index).isGreaterThanOrEqualTo(changes[frame]);
        }
      }
      // Each cut sits on a beat the tracker found (±1 frame) and on the click track's own grid.
      int cutFrame = measuredCut[index];
      double seconds = cutFrame / (double) FPS;
      assertThat(beats.stream().mapToDouble(beat -> Math.abs(beat * FPS - cutFrame)).min().orElseThrow())
          .as("cut into shot %s at %s s, beats %s", index, seconds, beats)
          .isLessThanOrEqualTo(1.0);
      double offGrid = Math.abs((seconds - FIRST_CLICK_SECONDS) * BPM / 60 - Math.round((seconds - FIRST_CLICK_SECONDS) * BPM / 60)) * 60 / BPM;
      assertThat(offGrid).as("cut into shot %s at %s s is on a click", index, seconds).isLessThan(1.0 / FPS + 0.07);
      int planned = measuredCut[index - 1] + SHOTS.get(index - 1).seconds() * FPS - spec.overlapFrames();
      assertThat(planned - measuredCut[index])
          .as("snapping the cut into shot %s only shortens the shot before it, by at most half a beat", index)
          .isBetween(-1, (int) (FPS * 60 / BPM / 2) + 1);
      shortenedBySnapping += planned - measuredCut[index];
    }
    int nominal = SHOTS.stream().mapToInt(shot -> shot.seconds() * FPS).sum();
    assertThat(output.size()).as("Σ shots − crossfades − snapping").isCloseTo(nominal - overlaps - shortenedBySnapping, within(1));
    assertThat(shortenedBySnapping).as("some cut was moved onto a beat").isPositive();

    // The stitch summary and its EDL against the measured frames.
    JsonNode stitch = http.get("/v1/stitches/" + board.path("stitch_id").asText()).json();
    assertThat(stitch.path("frame_count").asInt()).isCloseTo(output.size(), within(1));
    JsonNode summaryCuts = stitch.path("cuts");
    assertThat(summaryCuts).hasSize(5);
    for (int index = 1; index < SHOTS.size(); index++) {
      JsonNode summaryCut = summaryCuts.get(index - 1);
      assertThat(summaryCut.path("frame").asInt()).as("cut %s", index).isCloseTo(measuredCut[index], within(1));
      assertThat(summaryCut.path("beat_seconds").isNumber()).as("%s, beats %s", summaryCut, beats).isTrue();
    }
    JsonNode edl = stitch.path("edl");
    assertThat(edl).hasSize(6);
    Map<Integer, String[]> records = new LinkedHashMap<>();
    for (int index = 0; index < SHOTS.size(); index++) {
      JsonNode event = edl.get(index);
      assertThat(event.path("number").asInt()).isEqualTo(index + 1);
      assertThat(event.path("clipName").asText()).isEqualTo(videoIds.get(index));
      assertThat(event.path("model").asText()).isEqualTo(models.get(index));
      int recordIn = frames(event.path("recordIn").asText());
      int recordOut = frames(event.path("recordOut").asText());
      assertThat(recordIn).as("event %s record in", index + 1).isCloseTo(measuredCut[index], within(1));
      int end = index + 1 < SHOTS.size() ? measuredCut[index + 1] : output.size();
      assertThat(recordOut).as("event %s record out", index + 1).isCloseTo(end, within(1));
      assertThat(event.path("transition").asText()).isEqualTo(SHOTS.get(index).transition().equals("crossfade") ? "D" : "C");
      records.put(index + 1, new String[] {event.path("recordIn").asText(), event.path("recordOut").asText()});
    }
    String cmx = http.get(board.path("edl_url").asText()).text();
    assertThat(cmx).startsWith("TITLE: PROOF");
    Map<Integer, String[]> cmxRecords = new LinkedHashMap<>();
    for (String line : cmx.split("\n")) {
      if (line.matches("^\\d{3}\\s.*")) {
        String[] columns = line.trim().split("\\s+");
        // An event's last line (the incoming reel of a dissolve) carries its record times.
        cmxRecords.put(Integer.parseInt(columns[0]), new String[] {columns[columns.length - 2], columns[columns.length - 1]});
      }
    }
    assertThat(cmxRecords.keySet()).as(cmx).containsExactly(1, 2, 3, 4, 5, 6);
    for (int number = 1; number <= 6; number++) {
      assertThat(cmxRecords.get(number)).as("CMX event %s\n%s", number, cmx).containsExactly(records.get(number));
    }
    for (String id : videoIds) {
      assertThat(cmx).contains(id);
    }
  }

  private static Http tenant() {
    return TestServers.tenantWithCredential(app, "seedance", seedance.credential().get("api_key"), seedance.baseUrl());
  }

  /** The shipped catalog's kling-v3 rendering at most {@link #KLING_MAX_SECONDS} at once. */
  private static Path shortKlingCatalog(Path directory) throws Exception {
    ObjectNode klingModel = null;
    for (JsonNode model : JSON.readTree(Catalog.class.getResourceAsStream("/catalog.json")).path("models")) {
      if (model.path("id").asText().equals("kling-v3")) {
        klingModel = (ObjectNode) model.deepCopy();
      }
    }
    assertThat(klingModel).isNotNull();
    ((ObjectNode) klingModel.path("seconds")).put("max", KLING_MAX_SECONDS).put("default", KLING_MAX_SECONDS);
    Path file = directory.resolve("short-kling-catalog.json");
    Files.writeString(file, "{\"models\": [" + klingModel + "]}");
    return file;
  }

  private static String upload(Http http, String name, byte[] content) {
    Multipart body = new Multipart().file("file", name, "application/octet-stream", content).field("kind", "audio");
    Http.Response response = http.post("/v1/assets", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build()));
    assertThat(response.status()).as(response.text()).isIn(200, 201);
    return response.json().path("id").asText();
  }

  /** 16-bit mono PCM WAV at 22,050 Hz: a decaying 1 kHz click on every beat from {@link #FIRST_CLICK_SECONDS}. */
  private static byte[] clickTrackWav(int seconds) {
    int rate = 22_050;
    short[] samples = new short[rate * seconds];
    for (double time = FIRST_CLICK_SECONDS; time < seconds; time += 60.0 / BPM) {
      int start = (int) Math.round(time * rate);
      for (int i = 0; i < 600 && start + i < samples.length; i++) {
        double value = Math.sin(2 * Math.PI * 1000 * i / rate) * Math.exp(-i / 120.0);
        samples[start + i] = (short) (value * 20_000);
      }
    }
    ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short sample : samples) {
      data.putShort(sample);
    }
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt(36 + data.capacity()).put("WAVE".getBytes());
    header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
        .putShort((short) 2).putShort((short) 16);
    header.put("data".getBytes()).putInt(data.capacity());
    ByteArrayOutputStream wav = new ByteArrayOutputStream();
    wav.writeBytes(header.array());
    wav.writeBytes(data.array());
    return wav.toByteArray();
  }

  /** Every frame, area-averaged by swscale down to a small packed RGB picture (in-process FFmpeg). */
  private static List<int[]> frames(Path video) throws Exception {
    List<int[]> frames = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
      grabber.setImageWidth(ANALYSIS_WIDTH);
      grabber.setImageHeight(ANALYSIS_HEIGHT);
      grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
      grabber.setImageScalingFlags(swscale.SWS_AREA);
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        int[] pixels = new int[ANALYSIS_WIDTH * ANALYSIS_HEIGHT * 3];
        for (int y = 0; y < ANALYSIS_HEIGHT; y++) {
          for (int x = 0; x < ANALYSIS_WIDTH * 3; x++) {
            pixels[y * ANALYSIS_WIDTH * 3 + x] = buffer.get(y * frame.imageStride + x) & 0xff;
          }
        }
        frames.add(pixels);
      }
      grabber.stop();
    }
    assertThat(frames).as("frames of %s", video).isNotEmpty();
    return frames;
  }

  private static double difference(int[] first, int[] second) {
    long sum = 0;
    for (int index = 0; index < first.length; index++) {
      sum += Math.abs(first[index] - second[index]);
    }
    return sum / (double) first.length;
  }

  private static double nearest(int[] frame, List<int[]> candidates) {
    double best = Double.MAX_VALUE;
    for (int[] candidate : candidates) {
      best = Math.min(best, difference(frame, candidate));
    }
    return best;
  }

  private static int[] middle(List<int[]> frames) {
    return frames.get(frames.size() / 2);
  }

  /** The channel that differs most between the two shots: the blend lies well inside their range. */
  private static void assertBetween(int[] blend, int[] outgoing, int[] incoming, int shot) {
    double[] mixed = means(blend);
    double[] from = means(outgoing);
    double[] to = means(incoming);
    int channel = 0;
    for (int candidate = 1; candidate < 3; candidate++) {
      if (Math.abs(from[candidate] - to[candidate]) > Math.abs(from[channel] - to[channel])) {
        channel = candidate;
      }
    }
    double low = Math.min(from[channel], to[channel]);
    double gap = Math.abs(from[channel] - to[channel]);
    assertThat(gap).as("the shots around crossfade %s differ", shot).isGreaterThan(8);
    assertThat(mixed[channel]).as("the middle of crossfade %s blends both shots", shot).isBetween(low + 0.2 * gap, low + 0.8 * gap);
  }

  private static double[] means(int[] pixels) {
    double[] means = new double[3];
    for (int index = 0; index < pixels.length; index++) {
      means[index % 3] += pixels[index];
    }
    for (int channel = 0; channel < 3; channel++) {
      means[channel] /= pixels.length / 3.0;
    }
    return means;
  }

  /** HH:MM:SS:FF at {@link #FPS} as frames. */
  private static int frames(String timecode) {
    String[] parts = timecode.split(":");
    return ((Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1])) * 60 + Integer.parseInt(parts[2])) * FPS
        + Integer.parseInt(parts[3]);
  }

  /** "shot×frames" runs of the per-frame labels, for failure messages. */
  private static String runs(int[] shown) {
    StringBuilder text = new StringBuilder();
    int start = 0;
    for (int frame = 1; frame <= shown.length; frame++) {
      if (frame == shown.length || shown[frame] != shown[start]) {
        text.append(shown[start] < 0 ? "blend" : "shot" + shown[start]).append('×').append(frame - start).append(' ');
        start = frame;
      }
    }
    return text.toString().strip();
  }
}
