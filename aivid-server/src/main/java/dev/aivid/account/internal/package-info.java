@NullMarked
package dev.aivid.account.internal;

import org.jspecify.annotations.NullMarked;
