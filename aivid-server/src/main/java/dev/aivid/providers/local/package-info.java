@NullMarked
package dev.aivid.providers.local;

import org.jspecify.annotations.NullMarked;
