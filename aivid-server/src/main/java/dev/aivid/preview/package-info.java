/**
 * Previews: a stack rendered at low resolution by the local engine while the caller waits, as an
 * MP4 with its soundtrack plus a poster and a contact sheet. Previews never charge credits.
 */
@NullMarked
package dev.aivid.preview;

import org.jspecify.annotations.NullMarked;
