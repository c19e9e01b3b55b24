/**
 * Provider callbacks: the per-render callback URL an adapter hands a provider, its unguessable
 * token, and the Standard Webhooks signature check for providers that sign what they send.
 */
@NullMarked
package dev.aivid.providers.callbacks;

import org.jspecify.annotations.NullMarked;
