@NullMarked
package dev.aivid.media.detect;

import org.jspecify.annotations.NullMarked;
