package org.monosweep.results.store;

import java.util.Objects;

/**
 * What became of one {@link StoreWrite} in {@link ResultStore#applyAll(java.util.List)}.
 *
 * @param write the write
 * @param changed whether it changed the store (false for a duplicate or a no-op)
 * @param error why it failed, or null if it was applied; a failed write changed nothing
 */
public record WriteOutcome(StoreWrite write, boolean changed, RuntimeException error) {
  public WriteOutcome {
    Objects.requireNonNull(write, "write");
    if (error != null && changed) {
      throw new IllegalArgumentException("a failed write changed nothing");
    }
  }

  /** A write that was applied; {@code changed} is false for a duplicate. */
  public static WriteOutcome applied(StoreWrite write, boolean changed) {
    return new WriteOutcome(write, changed, null);
  }

  /** A write that failed and was rolled back. */
  public static WriteOutcome failed(StoreWrite write, RuntimeException error) {
    return new WriteOutcome(write, false, Objects.requireNonNull(error, "error"));
  }

  /** Whether the write failed. */
  public boolean failed() {
    return error != null;
  }
}
