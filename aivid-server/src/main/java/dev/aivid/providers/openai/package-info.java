/**
 * The OpenAI Videos API adapter: any endpoint that still speaks it, another AIVid included. The
 * prompt is compiled into Sora's "spatio-temporal" form (camera, movement and environment apart in
 * a header, the user's own words kept below it).
 */
@NullMarked
package dev.aivid.providers.openai;

import org.jspecify.annotations.NullMarked;
