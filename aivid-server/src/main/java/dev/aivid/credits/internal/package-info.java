@NullMarked
package dev.aivid.credits.internal;

import org.jspecify.annotations.NullMarked;
