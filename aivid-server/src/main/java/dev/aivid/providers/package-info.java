@NullMarked
package dev.aivid.providers;

import org.jspecify.annotations.NullMarked;
