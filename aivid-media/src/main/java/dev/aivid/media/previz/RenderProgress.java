package dev.aivid.media.previz;

/** Told after each frame is encoded; called on the rendering thread, so keep it quick. */
@FunctionalInterface
public interface RenderProgress {

  void onFrame(int framesDone, int framesTotal);
}
