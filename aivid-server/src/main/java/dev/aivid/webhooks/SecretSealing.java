package dev.aivid.webhooks;

/**
 * Authenticated encryption of signing secrets at rest. The composition root backs it with the
 * AES-GCM cipher and key that seal provider credentials, so there is one secret key per deployment.
 */
public interface SecretSealing {

  Sealed seal(byte[] plaintext, String associatedData);

  byte[] open(Sealed sealed, String associatedData);

  record Sealed(byte[] nonce, byte[] ciphertext, String keyId) {}
}
