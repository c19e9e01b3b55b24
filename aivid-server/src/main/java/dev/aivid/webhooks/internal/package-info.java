@NullMarked
package dev.aivid.webhooks.internal;

import org.jspecify.annotations.NullMarked;
