@NullMarked
package dev.aivid.dashboard;

import org.jspecify.annotations.NullMarked;
