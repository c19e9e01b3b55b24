@NullMarked
package dev.aivid.jobs;

import org.jspecify.annotations.NullMarked;
