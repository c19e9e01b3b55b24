@NullMarked
package dev.aivid.idempotency;

import org.jspecify.annotations.NullMarked;
