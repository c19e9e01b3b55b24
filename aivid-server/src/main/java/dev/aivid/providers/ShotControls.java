package dev.aivid.providers;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stack's controls for one shot, in provider-neutral terms. Adapters compile them into their
 * wire format and say, per control, whether it was honoured, approximated or dropped.
 *
 * @param references stack files to send, in stack order, each with its @mention and role
 * @param negativePrompt what to avoid, from negative references and the request; null when none
 * @param framesPerSecond the frame rate the stack asks for; null when it asks for none
 * @param camera the camera path reduced to its dominant move; null without a camera path
 * @param seedRequested true when the seed came from the request or stack (not derived by AIVid)
 */
public record ShotControls(
    List<ShotReference> references,
    @Nullable String negativePrompt,
    @Nullable Double framesPerSecond,
    @Nullable CameraIntent camera,
    boolean seedRequested) {
  public ShotControls {
    references = List.copyOf(references);
    if (framesPerSecond != null && !(framesPerSecond > 0 && framesPerSecond <= 240)) {
      throw new IllegalArgumentException("framesPerSecond must be in (0, 240]");
    }
  }

  public static ShotControls none() {
    return new ShotControls(List.of(), null, null, null, false);
  }

  public List<ShotReference> referencesOfKind(String kind) {
    return references.stream().filter(reference -> reference.kind().equals(kind)).toList();
  }
}
