@NullMarked
package dev.aivid.cli;

import org.jspecify.annotations.NullMarked;
