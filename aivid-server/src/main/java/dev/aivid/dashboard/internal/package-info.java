@NullMarked
package dev.aivid.dashboard.internal;

import org.jspecify.annotations.NullMarked;
