/**
 * Kling (Kuaishou) adapter: the access key/secret key API with a JWT per request (model in the
 * body, {@code /v1/videos/...}) and the API-key API with the model in the path ({@code
 * /text-to-video/kling-3.0}).
 */
@NullMarked
package dev.aivid.providers.kling;

import org.jspecify.annotations.NullMarked;
