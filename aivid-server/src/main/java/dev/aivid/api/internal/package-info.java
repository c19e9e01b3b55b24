@NullMarked
package dev.aivid.api.internal;

import org.jspecify.annotations.NullMarked;
