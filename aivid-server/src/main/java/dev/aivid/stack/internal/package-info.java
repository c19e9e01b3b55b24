@NullMarked
package dev.aivid.stack.internal;

import org.jspecify.annotations.NullMarked;
