/**
 * Google Veo through the Gemini API (API key) or Vertex AI (OAuth access token): long-running
 * {@code predictLongRunning} operations, polled until done, the video downloaded or decoded.
 */
@NullMarked
package dev.aivid.providers.veo;

import org.jspecify.annotations.NullMarked;
