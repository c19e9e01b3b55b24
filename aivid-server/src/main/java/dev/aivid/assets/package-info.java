@NullMarked
package dev.aivid.assets;

import org.jspecify.annotations.NullMarked;
