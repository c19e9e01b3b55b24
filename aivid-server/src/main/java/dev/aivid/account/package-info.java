@NullMarked
package dev.aivid.account;

import org.jspecify.annotations.NullMarked;
