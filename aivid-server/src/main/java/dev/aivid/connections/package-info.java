/**
 * Provider connections: which providers an organisation can use (credentials from config or sealed
 * per organisation with AES-GCM), the adapter that speaks for them, and their health.
 */
@NullMarked
package dev.aivid.connections;

import org.jspecify.annotations.NullMarked;
