package dev.aivid.preflight;

import dev.aivid.assets.StackKind;
import dev.aivid.catalog.Capabilities;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogException;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.InputSupport;
import dev.aivid.catalog.Lifecycle;
import dev.aivid.catalog.QualityScores;
import dev.aivid.catalog.VideoSize;
import dev.aivid.credits.Credits;
import dev.aivid.preflight.internal.CameraFigures;
import dev.aivid.preflight.internal.Capacity;
import dev.aivid.preflight.internal.RigFigures;
import dev.aivid.preflight.internal.RuleBook;
import dev.aivid.preflight.internal.RuleContext;
import dev.aivid.preflight.internal.Sized;
import dev.aivid.preflight.internal.StackMaterial;
import dev.aivid.stack.Mention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import dev.aivid.routing.ExtendPlan;
import dev.aivid.routing.ExtendPlanner;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Preflights a stack against candidate models: per model, the verdict on every input, what its
 * input limit keeps (spatial controls weigh 3× text), the artifact rules of the catalog with their
 * evidence and fixes, the estimated credits, and a summary verdict; then a recommended model.
 * Pure: it reads the catalog and the stack's files and nothing else. Thread-safe.
 */
public final class PreflightEngine {
  /** Frame rate of the shot when the stack has no frame_rate entry. */
  public static final double DEFAULT_FRAMES_PER_SECOND = 24;
  public static final int MAX_SECONDS = 300;
  public static final int MIN_EDGE_PIXELS = 16;
  public static final int MAX_EDGE_PIXELS = 7680;
  public static final long MAX_PIXELS = 7680L * 4320L;
  /** For the shot summary: a rig's rest height spans this share of the frame height. */
  public static final double SUBJECT_HEIGHT_SHARE_OF_FRAME = 0.6;
  /** A camera this fast on screen makes a shot high-motion even without a rig. */
  public static final double HIGH_MOTION_CAMERA_PIXELS_PER_SECOND = 300;
  private static final String LOCAL_PROVIDER = "local";

  private final Catalog catalog;

  /** Checks every model's capabilities and rule thresholds; a bad catalog fails here, at startup. */
  public PreflightEngine(Catalog catalog) {
    this.catalog = catalog;
    for (CatalogModel model : catalog.models()) {
      for (String kind : model.capabilities().inputs().keySet()) {
        kind(model, kind, "capabilities.inputs");
      }
      for (List<String> group : model.capabilities().exclusiveGroups()) {
        for (String kind : group) {
          kind(model, kind, "capabilities.exclusive_groups");
        }
      }
      RuleBook.validate(model);
    }
  }

  private static StackKind kind(CatalogModel model, String kind, String field) {
    return StackKind.fromWireName(kind)
        .filter(known -> known.wireName().equals(kind))
        .orElseThrow(
            () -> new CatalogException("invalid_capability", model.id() + ": " + field + " has unknown kind '" + kind + "'"));
  }

  public Catalog catalog() {
    return catalog;
  }

  public PreflightReport run(PreflightRequest request) {
    checkShot(request.seconds(), request.size());
    List<CatalogModel> candidates = candidates(request.models());
    double framesPerSecond =
        request.inputs().stream()
            .filter(input -> input.kind() == StackKind.FRAME_RATE && input.value() != null)
            .map(PreflightInput::value)
            .findFirst()
            .orElse(DEFAULT_FRAMES_PER_SECOND);
    StackMaterial material =
        new StackMaterial(request.inputs(), request.seconds(), framesPerSecond, request.size());
    material.checkMasks();
    ShotFigures shot = shot(material, request.size());
    Map<Integer, String> roles = new HashMap<>();
    for (Mention mention : request.mentions()) {
      roles.putIfAbsent(mention.entryIndex(), mention.role());
    }
    List<ModelReport> reports = new ArrayList<>();
    for (CatalogModel model : candidates) {
      reports.add(evaluate(model, request, material, roles, alternative(model, request.inputs())));
    }
    Recommendation recommendation = recommend(reports, shot);
    return new PreflightReport(
        catalog.version(),
        request.prompt(),
        request.seconds(),
        request.size(),
        shot,
        request.inputs(),
        reports,
        recommendation.model(),
        recommendation.reason());
  }

  /** Seconds 1..300, a size within 16..7680 per edge and 8K UHD in pixels; 400 otherwise. */
  public static void checkShot(int seconds, VideoSize size) {
    if (seconds < 1 || seconds > MAX_SECONDS) {
      throw PreflightException.invalid(
          "invalid_seconds", "seconds", "seconds must be a whole number from 1 to " + MAX_SECONDS + ", got " + seconds);
    }
    if (size.width() < MIN_EDGE_PIXELS
        || size.height() < MIN_EDGE_PIXELS
        || size.width() > MAX_EDGE_PIXELS
        || size.height() > MAX_EDGE_PIXELS
        || (long) size.width() * size.height() > MAX_PIXELS) {
      throw PreflightException.invalid(
          "invalid_size",
          "size",
          "size must be WIDTHxHEIGHT with each edge from " + MIN_EDGE_PIXELS + " to " + MAX_EDGE_PIXELS
              + " and at most 7680x4320 pixels, got " + size);
    }
  }

  private List<CatalogModel> candidates(List<String> requested) {
    if (requested.isEmpty()) {
      return catalog.models().stream()
          .filter(model -> !(model.lifecycle() instanceof Lifecycle.Retired))
          .toList();
    }
    List<CatalogModel> models = new ArrayList<>();
    for (int index = 0; index < requested.size(); index++) {
      String name = requested.get(index);
      int position = index;
      CatalogModel model =
          catalog
              .find(name)
              .orElseThrow(
                  () ->
                      PreflightException.invalid(
                          "unknown_model",
                          "models[" + position + "]",
                          "Unknown model '" + name + "'; the catalog has "
                              + catalog.models().stream().map(CatalogModel::id).collect(Collectors.joining(", "))));
      if (!models.contains(model)) {
        models.add(model);
      }
    }
    return models;
  }

  private static ShotFigures shot(StackMaterial material, VideoSize size) {
    Double subject = null;
    for (Sized<RigFigures> rig : material.rigs()) {
      double speed = rig.figures().peakScreenSpeedPixelsPerSecond(SUBJECT_HEIGHT_SHARE_OF_FRAME, size.height());
      subject = subject == null ? speed : Math.max(subject, speed);
    }
    Double camera = null;
    Double rotation = null;
    for (Sized<CameraFigures> path : material.cameras()) {
      double speed = path.figures().peakScreenSpeedPixelsPerSecond();
      camera = camera == null ? speed : Math.max(camera, speed);
      double yaw = path.figures().totalYawDegrees();
      rotation = rotation == null ? yaw : Math.max(rotation, yaw);
    }
    boolean highMotion =
        !material.rigs().isEmpty() || (camera != null && camera >= HIGH_MOTION_CAMERA_PIXELS_PER_SECOND);
    return new ShotFigures(
        material.framesPerSecond(),
        highMotion ? "high_motion" : "environment",
        subject == null ? null : RuleBook.round(subject),
        camera == null ? null : RuleBook.round(camera),
        rotation == null ? null : RuleBook.round(rotation));
  }

  private ModelReport evaluate(
      CatalogModel model,
      PreflightRequest request,
      StackMaterial material,
      Map<Integer, String> roles,
      @Nullable String alternative) {
    Capabilities capabilities = model.capabilities();
    Map<Integer, InputSupport.Treatment> treatments = new LinkedHashMap<>();
    Map<Integer, String> details = new LinkedHashMap<>();
    List<Capacity.Candidate> candidates = new ArrayList<>();
    for (PreflightInput input : request.inputs()) {
      InputSupport support = capabilities.input(input.kind().wireName());
      InputSupport.Treatment treatment = support.treatment();
      String detail = support.detail();
      if (input.kind() == StackKind.FRAME_RATE
          && input.value() != null
          && capabilities.frameRates().contains((int) Math.round(input.value()))
          && input.value() == Math.rint(input.value())) {
        treatment = InputSupport.Treatment.HONOURED;
        detail = "renders at " + PreflightInput.formatValue(input.value()) + " fps natively";
      }
      if (input.kind() == StackKind.CAMERA_PATH
          && treatment == InputSupport.Treatment.APPROXIMATED
          && input.metadata().get("dominant_move") instanceof String move) {
        detail = detail + "; this path's dominant move is " + move;
      }
      treatments.put(input.index(), treatment);
      details.put(input.index(), detail);
      if (!input.kind().isInline() && treatment != InputSupport.Treatment.DROPPED) {
        candidates.add(
            new Capacity.Candidate(
                input.index(), input.kind(), input.mention(), roles.containsKey(input.index()), support.max()));
      }
    }
    List<Set<StackKind>> exclusive = new ArrayList<>();
    for (List<String> group : capabilities.exclusiveGroups()) {
      exclusive.add(group.stream().map(kind -> kind(model, kind, "exclusive_groups")).collect(Collectors.toSet()));
    }
    Capacity.Allocation allocation = Capacity.allocate(candidates, capabilities.maxInputs(), exclusive);
    Set<Integer> droppedForCapacity = new HashSet<>(allocation.cut().keySet());
    for (Map.Entry<Integer, Capacity.Cut> cut : allocation.cut().entrySet()) {
      Capacity.Candidate candidate = allocation.byIndex().get(cut.getKey());
      treatments.put(cut.getKey(), InputSupport.Treatment.DROPPED);
      details.put(
          cut.getKey(), capacityReason(model, candidate, cut.getValue(), allocation.winners().get(cut.getKey())));
    }

    List<InputVerdict> verdicts = new ArrayList<>();
    Set<Integer> kept = new HashSet<>();
    double weightSum = 0;
    double honouredWeight = 0;
    for (PreflightInput input : request.inputs()) {
      InputSupport.Treatment treatment = treatments.get(input.index());
      int weight = Capacity.weight(input.kind());
      verdicts.add(
          new InputVerdict(
              input.index(),
              input.kind(),
              input.mention(),
              input.name(),
              input.fileName(),
              treatment,
              details.get(input.index()),
              weight,
              droppedForCapacity.contains(input.index())));
      if (treatment != InputSupport.Treatment.DROPPED) {
        kept.add(input.index());
      }
      weightSum += weight;
      honouredWeight +=
          switch (treatment) {
            case HONOURED -> weight;
            case APPROXIMATED -> weight / 2.0;
            case DROPPED -> 0;
          };
    }
    double fidelity = weightSum == 0 ? 1 : RuleBook.round(honouredWeight / weightSum);

    List<Finding> findings = new ArrayList<>();
    lifecycle(model, alternative, findings);
    shotLimits(model, request.seconds(), request.size(), alternative, findings);
    capacityFindings(model, request, allocation, candidates.size(), findings);
    droppedInputs(model, request.inputs(), treatments, droppedForCapacity, details, findings);
    RuleBook.Results rules =
        RuleBook.evaluate(
            new RuleContext(model, request.prompt(), request.seconds(), request.size(), material, kept, alternative));
    findings.addAll(rules.findings());

    ModelVerdict verdict = ModelVerdict.OK;
    for (Finding finding : findings) {
      if (finding.severity() == Severity.ERROR) {
        verdict = ModelVerdict.BLOCKED;
      } else if (finding.severity() == Severity.WARNING && verdict == ModelVerdict.OK) {
        verdict = ModelVerdict.WARNINGS;
      }
    }
    List<String> keptLabels = new ArrayList<>();
    keptLabels.add("prompt");
    allocation.kept().stream()
        .sorted(Comparator.comparingInt(Capacity.Candidate::index))
        .forEach(candidate -> keptLabels.add(candidate.mention()));
    List<String> droppedLabels =
        allocation.cut().keySet().stream().sorted().map(index -> allocation.byIndex().get(index).mention()).toList();
    CapacityReport capacity =
        new CapacityReport(capabilities.maxInputs(), candidates.size() + 1, keptLabels, droppedLabels);
    long estimate = model.pricing().priceMicros(request.size(), request.seconds());
    return new ModelReport(model, verdict, estimate, fidelity, capacity, verdicts, findings, rules.passed());
  }

  private static String capacityReason(
      CatalogModel model, Capacity.Candidate candidate, Capacity.Cut cut, Capacity.@Nullable Candidate winner) {
    String weight = Capacity.isSpatial(candidate.kind()) ? "a spatial control, weight 3" : "weight 1, as text";
    return switch (cut) {
      case EXCLUSIVE ->
          model.displayName() + " cannot take a " + candidate.kind().wireName().replace('_', ' ') + " together with a "
              + (winner == null ? "preferred entry" : winner.kind().wireName().replace('_', ' ') + " (" + winner.mention() + ")")
              + "; the preferred entry stays (spatial controls weigh 3× text; then mentioned entries, then stack order)";
      case KIND_LIMIT ->
          model.displayName() + " takes at most " + candidate.kindMax() + " " + plural(candidate.kind())
              + "; the others were preferred (" + weight + "; mentioned entries first, then stack order)";
      case TOTAL_LIMIT ->
          model.displayName() + " takes " + model.capabilities().maxInputs() + " inputs (the prompt and "
              + (model.capabilities().maxInputs() - 1) + " files); spatial controls weigh 3× text, so this one ("
              + weight + ") gave way";
    };
  }

  private void lifecycle(CatalogModel model, @Nullable String alternative, List<Finding> findings) {
    switch (model.lifecycle()) {
      case Lifecycle.Retired retired -> {
        boolean automatic = retired.successor().equals("auto");
        String successor = automatic ? "the best routable model (model \"auto\")" : retired.successor();
        String route =
            (automatic ? "Route with model \"auto\" (its catalog successor)" : "Route to " + successor + " (its catalog successor)")
                + (alternative != null && !alternative.equals(retired.successor())
                    ? (automatic ? "; here that is " : " or to ") + alternative + (automatic ? "" : ", which takes more of this stack")
                    : "")
                + ".";
        findings.add(
            new Finding(
                "model.retired",
                Severity.ERROR,
                model.displayName() + " was retired on " + retired.since() + "; use " + successor + ".",
                Map.of(),
                new AutoFix(FixAction.ROUTE_ELSEWHERE, route)));
      }
      case Lifecycle.Deprecated deprecated ->
          findings.add(
              new Finding(
                  "model.deprecated",
                  Severity.WARNING,
                  model.displayName() + " shuts down on " + deprecated.shutdownOn() + "; plan for "
                      + deprecated.successor() + ".",
                  Map.of(),
                  new AutoFix(FixAction.ROUTE_ELSEWHERE, "Route to " + deprecated.successor() + ".")));
      case Lifecycle.Active active -> {}
    }
  }

  private static void shotLimits(
      CatalogModel model, int seconds, VideoSize size, @Nullable String alternative, List<Finding> findings) {
    if (ExtendPlanner.chains(model, seconds)) {
      ExtendPlan chain = ExtendPlanner.plan(model, seconds);
      Map<String, Double> evidence = new LinkedHashMap<>();
      evidence.put("seconds", (double) seconds);
      evidence.put("max_seconds", (double) model.seconds().max());
      evidence.put("segments", (double) chain.segments().size());
      evidence.put("segment_seconds_limit", (double) chain.segmentSecondsLimit());
      findings.add(
          new Finding(
              "model.extend_chain",
              Severity.INFO,
              model.displayName() + " renders at most " + model.seconds().max() + " s at once: " + seconds
                  + " s are made as a chain of " + chain.segments().size() + " segments (" + chain.reason() + ").",
              evidence,
              null));
    } else if (!model.seconds().accepts(seconds)) {
      Map<String, Double> evidence = new LinkedHashMap<>();
      evidence.put("seconds", (double) seconds);
      evidence.put("min_seconds", (double) model.seconds().min());
      evidence.put("max_seconds", (double) model.seconds().max());
      AutoFix fix;
      if (seconds > model.seconds().max()) {
        int shots = (int) Math.ceil((double) seconds / model.seconds().max());
        fix =
            new AutoFix(
                FixAction.SPLIT_SHOT,
                "Split it into " + shots + " shots the model can render (" + model.seconds().describe() + " s each).");
      } else if (!model.seconds().allowed().isEmpty()) {
        int shorter =
            model.seconds().allowed().stream().filter(value -> value < seconds).max(Integer::compare).orElse(-1);
        fix =
            shorter > 0
                ? new AutoFix(FixAction.SHORTEN, "Shorten the shot to " + shorter + " s (" + model.seconds().describe() + ").")
                : new AutoFix(FixAction.ROUTE_ELSEWHERE, routeText(alternative, "a model that renders " + seconds + " s"));
      } else {
        fix = new AutoFix(FixAction.ROUTE_ELSEWHERE, routeText(alternative, "a model that renders " + seconds + " s"));
      }
      findings.add(
          new Finding(
              "model.seconds",
              Severity.ERROR,
              model.displayName() + " renders " + model.seconds().describe() + " seconds, not " + seconds + ".",
              evidence,
              fix));
    }
    if (!model.size().accepts(size)) {
      Map<String, Double> evidence = new LinkedHashMap<>();
      evidence.put("width_pixels", (double) size.width());
      evidence.put("height_pixels", (double) size.height());
      findings.add(
          new Finding(
              "model.size",
              Severity.ERROR,
              model.displayName() + " renders sizes with " + model.size().describe() + ", not " + size + ".",
              evidence,
              new AutoFix(FixAction.ROUTE_ELSEWHERE, routeText(alternative, "a model that renders " + size))));
    }
  }

  private static String routeText(@Nullable String alternative, String fallback) {
    return "Route the shot to " + (alternative != null ? alternative : fallback) + ".";
  }

  private void capacityFindings(
      CatalogModel model,
      PreflightRequest request,
      Capacity.Allocation allocation,
      int requestedFiles,
      List<Finding> findings) {
    List<Capacity.Candidate> kindCut = new ArrayList<>();
    List<Capacity.Candidate> exclusiveCut = new ArrayList<>();
    List<Capacity.Candidate> totalCut = new ArrayList<>();
    allocation.cut().forEach(
        (index, cut) ->
            (switch (cut) {
                  case KIND_LIMIT -> kindCut;
                  case EXCLUSIVE -> exclusiveCut;
                  case TOTAL_LIMIT -> totalCut;
                })
                .add(allocation.byIndex().get(index)));
    for (Capacity.Candidate loser : exclusiveCut) {
      Capacity.Candidate winner = allocation.winners().get(loser.index());
      findings.add(
          new Finding(
              "capacity.exclusive",
              Severity.WARNING,
              model.displayName() + " cannot combine " + loser.mention() + " with "
                  + (winner == null ? "the preferred entry" : winner.mention()) + " in one request; it keeps "
                  + (winner == null ? "the preferred entry" : winner.mention()) + " and drops " + loser.mention() + ".",
              weights(winner, loser),
              new AutoFix(
                  FixAction.DROP_CONTROL,
                  "Choose one yourself: drop " + (winner == null ? "one of them" : winner.mention()) + " to keep "
                      + loser.mention() + routeOr(alternative(model, request.inputs())) + ".")));
    }
    if (!kindCut.isEmpty()) {
      Map<String, Double> evidence = new LinkedHashMap<>();
      evidence.put("entries_over_kind_limit", (double) kindCut.size());
      findings.add(
          new Finding(
              "capacity.max_per_kind",
              Severity.WARNING,
              model.displayName() + " takes fewer of some kinds than the stack has; it leaves out "
                  + labels(kindCut, request) + ".",
              evidence,
              new AutoFix(
                  FixAction.DROP_CONTROL,
                  "Drop " + mentions(kindCut) + " (or merge them into the entries that are kept)"
                      + routeOr(alternative(model, request.inputs())) + ".")));
    }
    if (!totalCut.isEmpty()) {
      int spatialKept = (int) allocation.kept().stream().filter(candidate -> Capacity.isSpatial(candidate.kind())).count();
      Map<String, Double> evidence = new LinkedHashMap<>();
      evidence.put("max_inputs", (double) model.capabilities().maxInputs());
      evidence.put(
          "inputs_requested",
          (double) (requestedFiles + 1 - countKind(allocation, Capacity.Cut.KIND_LIMIT) - countKind(allocation, Capacity.Cut.EXCLUSIVE)));
      evidence.put("inputs_kept", (double) (allocation.kept().size() + 1));
      evidence.put("inputs_dropped", (double) totalCut.size());
      evidence.put("spatial_controls_kept", (double) spatialKept);
      evidence.put("spatial_weight", (double) Capacity.SPATIAL_WEIGHT);
      evidence.put("text_weight", (double) Capacity.TEXT_WEIGHT);
      totalCut.sort(Comparator.comparingInt(Capacity.Candidate::index));
      String keptSpatial =
          labels(
              allocation.kept().stream()
                  .filter(candidate -> Capacity.isSpatial(candidate.kind()))
                  .sorted(Comparator.comparingInt(Capacity.Candidate::index))
                  .toList(),
              request);
      findings.add(
          new Finding(
              "capacity.max_inputs",
              Severity.WARNING,
              model.displayName() + " takes " + model.capabilities().maxInputs() + " inputs (the prompt counts as one);"
                  + " this stack offers " + (requestedFiles + 1) + ". Spatial controls weigh 3× text, so "
                  + (keptSpatial.isEmpty() ? "the highest-weight entries" : keptSpatial)
                  + " were kept and " + labels(totalCut, request) + " dropped.",
              evidence,
              new AutoFix(
                  FixAction.DROP_CONTROL,
                  "Drop " + mentions(totalCut) + " yourself to choose what goes"
                      + routeOr(alternative(model, request.inputs())) + ".")));
    }
  }

  private static Map<String, Double> weights(Capacity.@Nullable Candidate winner, Capacity.Candidate loser) {
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("kept_weight", (double) (winner == null ? 0 : Capacity.weight(winner.kind())));
    evidence.put("dropped_weight", (double) Capacity.weight(loser.kind()));
    return evidence;
  }

  private static int countKind(Capacity.Allocation allocation, Capacity.Cut cut) {
    return (int) allocation.cut().values().stream().filter(value -> value == cut).count();
  }

  private void droppedInputs(
      CatalogModel model,
      List<PreflightInput> inputs,
      Map<Integer, InputSupport.Treatment> treatments,
      Set<Integer> droppedForCapacity,
      Map<Integer, String> details,
      List<Finding> findings) {
    List<String> others = new ArrayList<>();
    for (PreflightInput input : inputs) {
      if (treatments.get(input.index()) != InputSupport.Treatment.DROPPED || droppedForCapacity.contains(input.index())) {
        continue;
      }
      if (Capacity.isSpatial(input.kind())) {
        String elsewhere = honouring(input.kind(), model);
        findings.add(
            new Finding(
                "input.dropped",
                Severity.WARNING,
                model.displayName() + " drops " + input.label() + ", a spatial control: " + details.get(input.index()) + ".",
                Map.of("spatial_weight", (double) Capacity.SPATIAL_WEIGHT),
                elsewhere == null
                    ? null
                    : new AutoFix(
                        FixAction.ROUTE_ELSEWHERE,
                        "Route the shot to " + elsewhere + ", which honours " + plural(input.kind()) + ".")));
      } else {
        others.add(input.mention());
      }
    }
    if (!others.isEmpty()) {
      findings.add(
          new Finding(
              "input.dropped",
              Severity.INFO,
              model.displayName() + " does not use " + String.join(", ", others) + " (see the input verdicts for why).",
              Map.of("inputs_dropped", (double) others.size()),
              null));
    }
  }

  /** The first active non-local model, other than {@code except}, that honours {@code kind}. */
  private @Nullable String honouring(StackKind kind, CatalogModel except) {
    return catalog.models().stream()
        .filter(model -> model != except && model.lifecycle() instanceof Lifecycle.Active)
        .filter(model -> !model.provider().equals(LOCAL_PROVIDER))
        .filter(model -> model.capabilities().input(kind.wireName()).treatment() == InputSupport.Treatment.HONOURED)
        .map(CatalogModel::id)
        .findFirst()
        .orElse(null);
  }

  /**
   * Where to route when {@code model} is the problem: the active generative model of another
   * provider that honours the most of this stack's weight (catalog order breaks ties).
   */
  private @Nullable String alternative(CatalogModel model, List<PreflightInput> inputs) {
    CatalogModel best = null;
    double bestScore = -1;
    for (CatalogModel other : catalog.models()) {
      if (other == model
          || other.provider().equals(model.provider())
          || other.provider().equals(LOCAL_PROVIDER)
          || !(other.lifecycle() instanceof Lifecycle.Active)) {
        continue;
      }
      double score = 0;
      for (PreflightInput input : inputs) {
        score +=
            switch (other.capabilities().input(input.kind().wireName()).treatment()) {
              case HONOURED -> Capacity.weight(input.kind());
              case APPROXIMATED -> Capacity.weight(input.kind()) / 2.0;
              case DROPPED -> 0;
            };
      }
      if (score > bestScore) {
        best = other;
        bestScore = score;
      }
    }
    return best == null ? null : best.id();
  }

  private static String routeOr(@Nullable String alternative) {
    return alternative == null ? "" : ", or route the shot to " + alternative;
  }

  private static String labels(List<Capacity.Candidate> candidates, PreflightRequest request) {
    List<String> labels = new ArrayList<>();
    for (Capacity.Candidate candidate : candidates) {
      request.inputs().stream()
          .filter(input -> input.index() == candidate.index())
          .findFirst()
          .ifPresent(input -> labels.add(input.label()));
    }
    return String.join(", ", labels);
  }

  private static String mentions(List<Capacity.Candidate> candidates) {
    return candidates.stream().map(Capacity.Candidate::mention).collect(Collectors.joining(", "));
  }

  static String plural(StackKind kind) {
    String words = kind.wireName().replace('_', ' ');
    return words.endsWith("s") ? words : words + "s";
  }

  private record Recommendation(@Nullable String model, String reason) {}

  /**
   * Among models that are not blocked: ok before warnings, then the higher fidelity, then the
   * quality score that fits the shot (motion fluidity for high-motion shots, temporal consistency
   * otherwise), then fewer credits. Local previz is recommended only when every generative model is
   * blocked: it is a preview, not a final render.
   */
  private static Recommendation recommend(List<ModelReport> reports, ShotFigures shot) {
    boolean highMotion = shot.shotClass().equals("high_motion");
    Comparator<ModelReport> ranking =
        Comparator.comparingInt((ModelReport report) -> report.verdict().ordinal())
            .thenComparing(report -> -report.fidelity())
            .thenComparing(report -> -score(report.model().quality(), highMotion))
            .thenComparingLong(ModelReport::estimateMicros)
            .thenComparing(report -> report.model().id());
    List<ModelReport> usable = reports.stream().filter(report -> report.verdict() != ModelVerdict.BLOCKED).toList();
    Optional<ModelReport> generative =
        usable.stream().filter(report -> !report.model().provider().equals(LOCAL_PROVIDER)).min(ranking);
    Optional<ModelReport> chosen = generative.isPresent() ? generative : usable.stream().min(ranking);
    if (chosen.isEmpty()) {
      return new Recommendation(
          null,
          reports.isEmpty()
              ? "No model was checked."
              : "Every candidate is blocked; see the errors (and their fixes) of each model.");
    }
    ModelReport best = chosen.get();
    StringBuilder reason = new StringBuilder();
    reason.append(best.model().displayName()).append(" (").append(best.model().id()).append("): ");
    reason.append(best.verdict() == ModelVerdict.OK ? "no warnings" : warnings(best) + " warning" + (warnings(best) == 1 ? "" : "s"));
    reason.append(String.format(Locale.ROOT, ", honours %.0f%% of the stack's weight", best.fidelity() * 100));
    QualityScores quality = best.model().quality();
    if (quality != null) {
      reason.append(
          String.format(
              Locale.ROOT,
              ", %s %.1f for this %s shot",
              highMotion ? "motion fluidity" : "temporal consistency",
              score(quality, highMotion),
              highMotion ? "high-motion" : "environment"));
    }
    reason.append(", ").append(Credits.format(best.estimateMicros())).append(" credits");
    if (generative.isEmpty()) {
      reason.append("; every generative model is blocked, so this is a preview only");
    }
    reason.append('.');
    return new Recommendation(best.model().id(), reason.toString());
  }

  private static long warnings(ModelReport report) {
    return report.findings().stream().filter(finding -> finding.severity() == Severity.WARNING).count();
  }

  private static double score(@Nullable QualityScores quality, boolean highMotion) {
    if (quality == null) {
      return 0;
    }
    return highMotion ? quality.motionFluidity() : quality.temporalConsistency();
  }
}
