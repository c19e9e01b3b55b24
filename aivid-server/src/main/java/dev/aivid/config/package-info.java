@NullMarked
package dev.aivid.config;

import org.jspecify.annotations.NullMarked;
