/** Load benchmarks for the AIVid gateway, run by {@code ./aivid bench}. */
@NullMarked
package dev.aivid.bench;

import org.jspecify.annotations.NullMarked;
