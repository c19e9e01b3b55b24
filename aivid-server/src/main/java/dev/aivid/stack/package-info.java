@NullMarked
package dev.aivid.stack;

import org.jspecify.annotations.NullMarked;
