/**
 * Webhooks per organisation, following the Standard Webhooks specification
 * (https://www.standardwebhooks.com, github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md):
 * endpoints with a signing secret shown once, an outbox of deliveries written in the transaction that
 * produced the event, and a dispatcher on every node that signs, posts, retries and logs each attempt.
 */
@NullMarked
package dev.aivid.webhooks;

import org.jspecify.annotations.NullMarked;
