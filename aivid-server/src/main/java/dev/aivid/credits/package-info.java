@NullMarked
package dev.aivid.credits;

import org.jspecify.annotations.NullMarked;
