package dev.aivid.dashboard;

import dev.aivid.account.AccountService;
import dev.aivid.account.ApiKey;
import dev.aivid.account.Authentication;
import dev.aivid.account.Principal;
import dev.aivid.dashboard.internal.SessionRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Dashboard sessions opened with an API key. The session id is 256 random bits given to the
 * browser only; the table keeps its SHA-256. Every use re-reads the key, so revoking the key ends
 * its sessions at once.
 */
public final class DashboardSessions {
  public static final Duration LIFETIME = Duration.ofHours(12);
  private static final int TOKEN_BYTES = 32;

  private final SessionRepository repository;
  private final AccountService accounts;
  private final RandomGenerator random;
  private final InstantSource clock;

  public DashboardSessions(
      SessionRepository repository, AccountService accounts, RandomGenerator random, InstantSource clock) {
    this.repository = repository;
    this.accounts = accounts;
    this.random = random;
    this.clock = clock;
  }

  /** An open session: who it acts as and the token every state change must carry. */
  public record Session(Principal principal, String csrfToken, Instant expiresAt) {}

  /** The outcome of signing in. */
  public sealed interface SignIn {
    record SignedIn(String sessionId, Session session) implements SignIn {}

    record Refused(String code, String message) implements SignIn {}
  }

  public SignIn signIn(String apiKey) {
    return switch (accounts.authenticate(apiKey.trim())) {
      case Authentication.Authenticated authenticated -> open(authenticated.principal());
      case Authentication.Missing missing -> new SignIn.Refused("missing_api_key", "Paste an API key to sign in.");
      case Authentication.Invalid invalid -> new SignIn.Refused("invalid_api_key", "That API key is not valid.");
      case Authentication.Revoked revoked ->
          new SignIn.Refused("revoked_api_key", "The API key starting with " + revoked.prefix() + " has been revoked.");
    };
  }

  private SignIn open(Principal principal) {
    String sessionId = token();
    Instant now = clock.instant();
    Session session = new Session(principal, token(), now.plus(LIFETIME));
    repository.insert(
        sha256(sessionId),
        new SessionRepository.StoredSession(
            principal.organizationId(), principal.apiKeyId(), session.csrfToken(), session.expiresAt()),
        now);
    return new SignIn.SignedIn(sessionId, session);
  }

  /** The live session behind a cookie value; empty when unknown, expired or its key was revoked. */
  public Optional<Session> find(String sessionId) {
    if (sessionId.isEmpty() || sessionId.length() > 100) {
      return Optional.empty();
    }
    return repository
        .find(sha256(sessionId), clock.instant())
        .flatMap(
            stored ->
                accounts
                    .findKey(stored.organizationId(), stored.apiKeyId())
                    .filter(key -> !key.isRevoked())
                    .map(key -> new Session(principal(key), stored.csrfToken(), stored.expiresAt())));
  }

  public void signOut(String sessionId) {
    repository.delete(sha256(sessionId));
  }

  /** Constant-time comparison, so response timing reveals nothing of the expected token. */
  public static boolean csrfMatches(Session session, String presented) {
    return MessageDigest.isEqual(
        session.csrfToken().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static Principal principal(ApiKey key) {
    return new Principal(key.organizationId(), key.projectId(), key.id(), key.role());
  }

  private String token() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
