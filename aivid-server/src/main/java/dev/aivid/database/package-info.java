@NullMarked
package dev.aivid.database;

import org.jspecify.annotations.NullMarked;
