@NullMarked
package dev.aivid.connections.internal;

import org.jspecify.annotations.NullMarked;
