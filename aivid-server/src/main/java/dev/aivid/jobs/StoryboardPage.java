package dev.aivid.jobs;

import java.util.List;

/** One cursor page of storyboards, and whether more follow it. */
public record StoryboardPage(List<Storyboard> storyboards, boolean hasMore) {
  public StoryboardPage {
    storyboards = List.copyOf(storyboards);
  }
}
