@NullMarked
package dev.aivid.jobs.internal;

import org.jspecify.annotations.NullMarked;
