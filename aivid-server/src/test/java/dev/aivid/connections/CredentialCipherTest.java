package dev.aivid.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.connections.internal.CredentialCipher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
  private static final byte[] KEY = new byte[32];
  private final CredentialCipher cipher = new CredentialCipher(KEY, new SecureRandom());

  @Test
  void aSealedCredentialOpensOnlyForTheSameOrganisationAndProvider() {
    byte[] secret = "{\"api_key\":\"sk-live-123\"}".getBytes(StandardCharsets.UTF_8);
    CredentialCipher.Sealed sealed = cipher.seal(secret, "org_a\u0000kling");

    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("sk-live-123");
    assertThat(cipher.open(sealed, "org_a\u0000kling")).isEqualTo(secret);
    assertThatThrownBy(() -> cipher.open(sealed, "org_b\u0000kling"))
        .isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.code()).isEqualTo("credential_unreadable"));
  }

  @Test
  void everySealUsesAFreshNonceAndATamperedCiphertextIsRefused() {
    byte[] secret = "x".getBytes(StandardCharsets.UTF_8);
    CredentialCipher.Sealed first = cipher.seal(secret, "a");
    CredentialCipher.Sealed second = cipher.seal(secret, "a");
    assertThat(first.nonce()).isNotEqualTo(second.nonce());

    byte[] tampered = first.ciphertext().clone();
    tampered[0] ^= 1;
    assertThatThrownBy(() -> cipher.open(new CredentialCipher.Sealed(first.nonce(), tampered, first.keyId()), "a"))
        .isInstanceOf(ConnectionException.class);
  }

  @Test
  void aNodeWithAnotherKeySaysSoInsteadOfFailingObscurely() {
    byte[] otherKey = Arrays.copyOf(KEY, 32);
    otherKey[0] = 1;
    CredentialCipher other = new CredentialCipher(otherKey, new SecureRandom());
    CredentialCipher.Sealed sealed = cipher.seal(new byte[] {1}, "a");

    assertThatThrownBy(() -> other.open(sealed, "a"))
        .isInstanceOfSatisfying(
            ConnectionException.class,
            e -> assertThat(e.getMessage()).contains("AIVID_SECRET_KEY").doesNotContain(new String(KEY, StandardCharsets.ISO_8859_1)));
  }

  @Test
  void aKeyOfTheWrongLengthIsRefused() {
    assertThatThrownBy(() -> new CredentialCipher(new byte[16], new SecureRandom()))
        .isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.code()).isEqualTo("invalid_secret_key"));
  }
}
