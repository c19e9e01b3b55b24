package dev.aivid.providers;

/** A provider's answer to "how is my render doing?". */
public sealed interface RenderStatus {
  record Running(int percent) implements RenderStatus {}

  record Succeeded(double outputSeconds) implements RenderStatus {}

  record Failed(String code, String message) implements RenderStatus {}

  /** The provider no longer knows the handle (e.g. the local engine restarted): submit again. */
  record Lost() implements RenderStatus {}
}
