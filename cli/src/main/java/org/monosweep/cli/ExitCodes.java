package org.monosweep.cli;

/**
 * The exit codes of every command, listed in the README's Commands section. Scripts and CI tell
 * a sweep with failed cells (worth a look) from a mistake in the command (fix and rerun) from an
 * unreachable store or cluster (retry later) by them.
 */
final class ExitCodes {
  /** Everything asked for was done. */
  static final int OK = 0;
  /** The command ran, but not everything succeeded: a sweep ended with failed cells. */
  static final int INCOMPLETE = 1;
  /** Bad usage or bad input: an unknown option, a spec with mistakes, a missing file. */
  static final int BAD_INPUT = 2;
  /** The results store cannot be opened, or no coordinator answers. */
  static final int UNREACHABLE = 3;
  /** A bug in monosweep (sysexits' EX_SOFTWARE); the stack trace is in the log. */
  static final int INTERNAL_ERROR = 70;
  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
