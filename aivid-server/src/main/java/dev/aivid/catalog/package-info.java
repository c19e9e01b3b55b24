@NullMarked
package dev.aivid.catalog;

import org.jspecify.annotations.NullMarked;
