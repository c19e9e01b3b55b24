/**
 * Runway (Gen-4.5) through the Runway API: {@code POST /v1/image_to_video} or {@code
 * /v1/text_to_video}, {@code GET /v1/tasks/{id}}, {@code DELETE /v1/tasks/{id}}, with {@code
 * X-Runway-Version: 2024-11-06} on every call and result URLs refreshed by fetching the task again.
 */
@NullMarked
package dev.aivid.providers.runway;

import org.jspecify.annotations.NullMarked;
