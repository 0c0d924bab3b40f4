package org.monosweep.results.store;

import java.util.Locale;

/** Where a cell stands in the store. */
public enum CellStatus {
  /** Registered and not running: never started, or waiting for a retry after a failed attempt. */
  PENDING,
  /** An attempt was started and has not reported back. */
  RUNNING,
  /** Finished with a result. Final: nothing overwrites a done cell. */
  DONE,
  /** Failed its last allowed attempt in some run; a later run may try it again. */
  FAILED,
  /** Was running when its sweep stopped (Ctrl-C, or a crash found on the next start). */
  INTERRUPTED;

  /** The lower-case name used in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
