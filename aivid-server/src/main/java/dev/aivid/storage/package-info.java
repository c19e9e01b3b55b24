@NullMarked
package dev.aivid.storage;

import org.jspecify.annotations.NullMarked;
