package org.monosweep.cli.tls;

/** Why {@code monosweep keystore} wrote nothing: a message for the user, printed without a trace. */
final class KeystoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  KeystoreException(String message) {
    super(message);
  }

  KeystoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
