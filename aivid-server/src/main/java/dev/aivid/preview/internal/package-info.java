@NullMarked
package dev.aivid.preview.internal;

import org.jspecify.annotations.NullMarked;
