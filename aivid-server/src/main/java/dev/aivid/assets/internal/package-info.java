@NullMarked
package dev.aivid.assets.internal;

import org.jspecify.annotations.NullMarked;
