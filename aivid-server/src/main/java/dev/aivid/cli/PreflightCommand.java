package dev.aivid.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.Main;
import dev.aivid.assets.AssetException;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogException;
import dev.aivid.catalog.VideoSize;
import dev.aivid.preflight.LocalStack;
import dev.aivid.preflight.PreflightEngine;
import dev.aivid.preflight.PreflightException;
import dev.aivid.preflight.PreflightJson;
import dev.aivid.preflight.PreflightReport;
import dev.aivid.preflight.PreflightRequest;
import dev.aivid.preflight.PreflightTable;
import dev.aivid.stack.StackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    description = {
      "Preflights an input stack locally: per model what it keeps, risks and costs.",
      "Runs without a server or database: what each model will honour, approximate or drop,",
      "the artifacts the shot risks, and the credits it would cost.",
      "Give a directory (with an optional stack.json manifest) or the stack's files.",
      "Exit 0 when some model can render the shot, 1 when every model is blocked, 2 on bad input."
    })
public final class PreflightCommand implements Callable<Integer> {
  static final int DEFAULT_SECONDS = 5;
  static final String DEFAULT_SIZE = "1280x720";

  @ParentCommand @Nullable Main main;

  @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "A stack directory, or the stack's files.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--prompt", paramLabel = "TEXT", description = "The prompt (overrides stack.json).")
  @Nullable String prompt;

  @Option(names = "--prompt-file", paramLabel = "FILE", description = "Read the prompt from a UTF-8 file.")
  @Nullable Path promptFile;

  @Option(names = "--seconds", paramLabel = "N", description = "Shot length (default: stack.json, else 5).")
  @Nullable Integer seconds;

  @Option(names = "--size", paramLabel = "WxH", description = "Frame size (default: stack.json, else 1280x720).")
  @Nullable String size;

  @Option(
      names = "--models",
      split = ",",
      paramLabel = "a,b",
      description = "Models to check (default: stack.json, else every model that is not retired).")
  @Nullable List<String> models;

  @Option(names = "--json", description = "Print the report as JSON (the body POST /v1/stacks/preflight returns).")
  boolean json;

  @Override
  public Integer call() {
    ObjectMapper mapper = new ObjectMapper();
    try {
      String promptText = prompt;
      if (promptFile != null) {
        promptText = Files.readString(promptFile, StandardCharsets.UTF_8).strip();
      }
      PreflightEngine engine = new PreflightEngine(Catalog.loadDefault(mapper));
      LocalStack.Loaded stack = LocalStack.load(paths, promptText, mapper);
      int shotSeconds = seconds != null ? seconds : stack.seconds() != null ? stack.seconds() : DEFAULT_SECONDS;
      String sizeText = size != null ? size : stack.size() != null ? stack.size() : DEFAULT_SIZE;
      VideoSize frame =
          VideoSize.parse(sizeText)
              .orElseThrow(
                  () -> new PreflightException(
                      PreflightException.Kind.INVALID, "invalid_size", "size", "size must look like 1280x720, got '" + sizeText + "'"));
      List<String> candidates = models != null ? models : stack.models();
      PreflightReport report =
          engine.run(
              new PreflightRequest(stack.prompt(), stack.mentions(), shotSeconds, frame, stack.inputs(), candidates));
      if (json) {
        System.out.println(
            mapper.writerWithDefaultPrettyPrinter().writeValueAsString(PreflightJson.report(mapper, report, null)));
      } else {
        System.out.print(PreflightTable.render(report));
      }
      System.out.flush();
      return report.passes() ? 0 : 1;
    } catch (PreflightException e) {
      return fail(e.code(), e.parameter(), e.getMessage());
    } catch (StackException e) {
      return fail(e.code(), e.parameter(), e.getMessage());
    } catch (AssetException e) {
      return fail(e.code(), e.parameter(), e.getMessage());
    } catch (CatalogException e) {
      return fail(e.code(), null, e.getMessage());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An ObjectNode always serialises", e);
    } catch (IOException e) {
      return fail("unreadable_file", null, e.getMessage());
    } catch (UncheckedIOException e) {
      return fail("unreadable_file", null, e.getMessage());
    }
  }

  private static int fail(String code, @Nullable String parameter, @Nullable String message) {
    System.err.println("preflight: " + code + (parameter == null ? "" : " (" + parameter + ")") + ": " + message);
    return 2;
  }
}
