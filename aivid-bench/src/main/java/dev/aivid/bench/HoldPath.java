package dev.aivid.bench;

/** One way of placing a hold on the hot pool, called by many client threads at once. */
interface HoldPath {
  String name();

  /**
   * Places one hold under {@code holdId} and returns once it is durably committed: true when it was
   * granted, false for any other answer (counted as an error).
   */
  boolean hold(String holdId) throws Exception;
}
