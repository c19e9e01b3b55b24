package dev.aivid.account;

/** The outcome of presenting a bearer token. */
public sealed interface Authentication {
  record Authenticated(Principal principal) implements Authentication {}

  record Missing() implements Authentication {}

  record Invalid() implements Authentication {}

  record Revoked(String prefix) implements Authentication {}
}
