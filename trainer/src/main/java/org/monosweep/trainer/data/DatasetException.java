package org.monosweep.trainer.data;

import java.nio.file.Path;

/**
 * A dataset file that is missing, unreadable, truncated or corrupt. The message names the file,
 * what was wrong (expected versus actual bytes for a short file) and how to fix it (the apt
 * package to install, or the layout to download into). Retrying does not help: a cell that gets
 * one should fail permanently.
 */
public final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * @param file the file (or folder) at fault
   * @param message what is wrong and how to fix it; the file is prepended
   */
  public DatasetException(Path file, String message) {
    this(file, message, null);
  }

  /**
   * @param file the file (or folder) at fault
   * @param message what is wrong and how to fix it; the file is prepended
   * @param cause the underlying I/O or decoding error, or null
   */
  public DatasetException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The file or folder at fault. */
  public Path file() {
    return file;
  }
}
