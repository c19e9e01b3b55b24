/**
 * ByteDance Seedance through BytePlus ModelArk or Volcengine Ark: one task API ({@code
 * /contents/generations/tasks}) whose {@code content[]} carries the text and the stack's images,
 * videos and audio with their roles.
 */
@NullMarked
package dev.aivid.providers.seedance;

import org.jspecify.annotations.NullMarked;
