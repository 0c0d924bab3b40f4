package org.monosweep.results.store;

/**
 * The store could not do what was asked: the database failed, is locked by another process, or
 * has a schema this code does not know. The message says which and what to do.
 */
public final class ResultStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a cause, usually an {@link java.sql.SQLException}. */
  public ResultStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error without an underlying exception. */
  public ResultStoreException(String message) {
    super(message);
  }
}
