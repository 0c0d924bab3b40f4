package org.monosweep.trainer.train;

/** A cell that could not finish, with whether another attempt could help. */
public final class CellFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  /**
   * @param reason a one-line cause that the report shows
   * @param retryable false for bad input that fails the same way every time
   */
  public CellFailure(String reason, boolean retryable, Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
  }

  /** A failure that a retry cannot fix. */
  public static CellFailure permanent(String reason) {
    return new CellFailure(reason, false, null);
  }

  /** Whether another attempt could succeed. */
  public boolean retryable() {
    return retryable;
  }
}
