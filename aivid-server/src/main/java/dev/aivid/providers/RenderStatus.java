package dev.aivid.providers;

/** A provider's answer to "how is my render doing?". */
public sealed interface RenderStatus {
  record Running(int percent) implements RenderStatus {}

  /**
   * @param notes what the provider reports about the output beyond its length (the local engine:
   *     the frames its Foley hits landed on), shown with the job's routing notes
   */
  record Succeeded(double outputSeconds, java.util.List<String> notes) implements RenderStatus {
    public Succeeded {
      notes = java.util.List.copyOf(notes);
    }

    public Succeeded(double outputSeconds) {
      this(outputSeconds, java.util.List.of());
    }
  }

  record Failed(String code, String message) implements RenderStatus {}

  /** The provider no longer knows the handle (e.g. the local engine restarted): submit again. */
  record Lost() implements RenderStatus {}
}
