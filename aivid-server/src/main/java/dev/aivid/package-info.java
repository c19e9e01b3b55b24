@NullMarked
package dev.aivid;

import org.jspecify.annotations.NullMarked;
