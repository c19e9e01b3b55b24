@NullMarked
package dev.aivid.support;

import org.jspecify.annotations.NullMarked;
