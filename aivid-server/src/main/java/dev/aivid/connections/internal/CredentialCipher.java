package dev.aivid.connections.internal;

import dev.aivid.connections.ConnectionException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per seal. The associated data binds a ciphertext to its
 * organisation and provider, so a sealed row copied to another organisation does not open.
 */
public final class CredentialCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String keyId;
  private final SecureRandom random;

  public CredentialCipher(byte[] keyBytes, SecureRandom random) {
    if (keyBytes.length != 32) {
      throw new ConnectionException(
          ConnectionException.Kind.BROKEN, "invalid_secret_key", "AIVID_SECRET_KEY", "the secret key must be 32 bytes (base64 of 32 random bytes)");
    }
    this.key = new SecretKeySpec(keyBytes.clone(), "AES");
    this.random = random;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
      this.keyId = HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  /** A short fingerprint of the key (not the key), stored beside each ciphertext. */
  public String keyId() {
    return keyId;
  }

  public Sealed seal(byte[] plaintext, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return new Sealed(nonce, cipher.doFinal(plaintext), keyId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is mandatory in every JDK", e);
    }
  }

  public byte[] open(Sealed sealed, String associatedData) {
    if (!sealed.keyId().equals(keyId)) {
      throw new ConnectionException(
          ConnectionException.Kind.BROKEN,
          "credential_key_mismatch",
          null,
          "a stored credential was sealed with key " + sealed.keyId() + ", but this node has key " + keyId
              + "; set the same AIVID_SECRET_KEY on every node");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed.ciphertext());
    } catch (GeneralSecurityException e) {
      throw new ConnectionException(
          ConnectionException.Kind.BROKEN, "credential_unreadable", null, "a stored credential failed its integrity check");
    }
  }

  public record Sealed(byte[] nonce, byte[] ciphertext, String keyId) {}
}
