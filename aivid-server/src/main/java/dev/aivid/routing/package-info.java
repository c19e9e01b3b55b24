/**
 * Routing: classify a shot, keep the models that can take it (preflight, credentials, provider
 * health, budget), score them by policy and explain the choice; plus the provider-neutral shot plan
 * that every adapter compiles.
 */
@NullMarked
package dev.aivid.routing;

import org.jspecify.annotations.NullMarked;
