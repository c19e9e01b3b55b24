@NullMarked
package dev.aivid.api;

import org.jspecify.annotations.NullMarked;
