package org.monosweep.gpunode.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import org.monosweep.trainer.train.CellRunner;

/**
 * Runs each cell in a child process of its own, so that a crash, a native abort, an
 * out-of-memory kill or a leak in one cell costs only that attempt, and so that one node runs
 * one training per slot at a time (DJL allows one open gradient collector per JVM).
 *
 * <p>The child is started with {@code command} and {@code environment} (a slot's device and
 * thread count), gets its {@link CellJob} on standard input, reports {@link CellEvent}s on
 * standard output ({@link CellChannel}) and logs to standard error, which goes to
 * {@code cell.log} in the cell's folder. Progress goes to the run's listener as it arrives.
 * Cancellation closes the child's standard input; a child still running {@code stopGrace}
 * later is killed. A child that writes nothing (not even its heartbeat) for {@code silence} is
 * killed. A child that ends without a {@code finished} or {@code failed} line fails the attempt
 * as retryable, with its exit status and the last lines of its log. Thread-safe: every call
 * runs its own process.
 */
public final class ProcessCellRunner implements CellRunner {
  static final String LOG_FILE = "cell.log";
  static final String JOB_FILE = "cell-job.json";
  private static final int LOG_TAIL_LINES = 5;
  private static final int LOG_LINE_CHARS = 160;
  private static final long POLL_MILLIS = 100;

  private final List<String> command;
  private final Map<String, String> environment;
  private final Duration silence;
  private final Duration stopGrace;
  private final LongSupplier nanoClock;
  private final CellChannel channel = new CellChannel();

  private ProcessCellRunner(List<String> command, Map<String, String> environment,
      Duration silence, Duration stopGrace, LongSupplier nanoClock) {
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.silence = Objects.requireNonNull(silence, "silence");
    this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
    this.nanoClock = nanoClock;
  }

  /**
   * A runner that starts {@code command} for every cell, with {@code environment} added to the
   * node's own.
   *
   * @param command the child's command line, program first
   * @param environment variables for the child (a slot's {@code CUDA_VISIBLE_DEVICES}, threads)
   * @param silence how long a child may write nothing before it is killed
   * @param stopGrace how long a child may take to stop once asked
   */
  public static ProcessCellRunner create(List<String> command, Map<String, String> environment,
      Duration silence, Duration stopGrace) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a cell process needs a command");
    }
    return new ProcessCellRunner(command, environment, silence, stopGrace, System::nanoTime);
  }

  /** The variables this runner adds to each child's environment. */
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public CellResult run(Cell cell, CellRunContext context) {
    Path log = context.workDir().resolve(LOG_FILE);
    Process process = start(context.workDir(), log);
    try {
      return supervise(process, new CellJob(cell, context.workDir().toString()), context, log);
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private Process start(Path workDir, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(workDir);
      return builder.start();
    } catch (IOException e) {
      throw new CellFailure("cannot start the cell process " + command.get(0) + ": "
          + e.getMessage(), true, e);
    }
  }

  private CellResult supervise(Process process, CellJob job, CellRunContext context, Path log) {
    // an empty line marks the end of the output
    BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readLines(process, lines), "cell-process-output");
    reader.setDaemon(true);
    reader.start();
    Writer input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Outcome outcome = new Outcome();
    String jobLine = channel.encode(job);
    try {
      // kept beside the log: what the process was asked to do, to rerun it by hand
      Files.writeString(log.resolveSibling(JOB_FILE), jobLine + "\n", StandardCharsets.UTF_8);
      input.write(jobLine);
      input.write('\n');
      input.flush();
    } catch (IOException e) {
      // the child died before reading its job: its exit status and log say why
    }
    long lastHeard = nanoClock.getAsLong();
    long stopBy = Long.MAX_VALUE;
    boolean silent = false;
    while (true) {
      Optional<String> line = poll(lines);
      long now = nanoClock.getAsLong();
      if (line != null && line.isEmpty()) {
        break;
      }
      if (line != null) {
        lastHeard = now;
        outcome.take(line.get(), context);
      }
      if (stopBy == Long.MAX_VALUE && context.cancelled().getAsBoolean()) {
        close(input); // the child sees end of input and stops between steps
        stopBy = now + stopGrace.toNanos();
      }
      if (now >= stopBy) {
        process.destroyForcibly();
      }
      if (!silent && now - lastHeard > silence.toNanos()) {
        silent = true;
        process.destroyForcibly();
      }
    }
    int status = waitFor(process);
    close(input);
    return outcome.result(status, silent, log);
  }

  private Optional<String> poll(BlockingQueue<Optional<String>> lines) {
    try {
      return lines.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CellFailure("interrupted", true, e);
    }
  }

  private static void readLines(Process process, BlockingQueue<Optional<String>> lines) {
    try (BufferedReader output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        lines.add(Optional.of(line));
      }
    } catch (IOException e) {
      // the pipe broke with the process; its exit status tells the rest
    } finally {
      lines.add(Optional.empty());
    }
  }

  private static int waitFor(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new CellFailure("interrupted", true, e);
    }
  }

  private static void close(Writer input) {
    try {
      input.close();
    } catch (IOException e) {
      // already closed by the child's exit
    }
  }

  /** What the child said, in order. */
  private final class Outcome {
    private CellResult result;
    private CellEvent.Failed failure;
    private long pid;
    private String stray;

    void take(String line, CellRunContext context) {
      CellEvent event;
      try {
        event = channel.event(line);
      } catch (IllegalArgumentException e) {
        stray = line; // a library's print on standard output: kept for the failure reason
        return;
      }
      if (event instanceof CellEvent.Epoch epoch) {
        context.progress().onEpoch(epoch.phase(), epoch.epoch(), epoch.epochs(), epoch.loss(),
            epoch.imagesPerSecond());
      } else if (event instanceof CellEvent.Finished finished) {
        result = finished.result();
      } else if (event instanceof CellEvent.Failed failed) {
        failure = failed;
      } else if (event instanceof CellEvent.Started started) {
        pid = started.pid();
      }
    }

    CellResult result(int status, boolean silent, Path log) {
      if (result != null) {
        // the result line comes after the exports are written; how the process then exits
        // (libtorch can crash in its exit handlers) changes nothing that was reported
        return result;
      }
      if (failure != null) {
        throw new CellFailure(failure.reason(), failure.retryable(), null);
      }
      String why = silent
          ? "was silent for " + silence.toSeconds() + " s and was killed"
          : "ended with " + exitStatus(status) + " before reporting a result";
      String tail = tail(log);
      throw new CellFailure("cell process" + (pid > 0 ? " " + pid : "") + " " + why
          + (tail.isEmpty() ? "" : "; last log lines: " + tail)
          + (stray == null ? "" : "; last stray output: " + stray), true, null);
    }
  }

  /** "exit status 3", or "signal 9 (SIGKILL)" for a process killed by a signal. */
  static String exitStatus(int status) {
    if (status > 128 && status < 160) {
      int signal = status - 128;
      return "signal " + signal + signalName(signal).map(n -> " (" + n + ")").orElse("");
    }
    return "exit status " + status;
  }

  private static Optional<String> signalName(int signal) {
    switch (signal) {
      case 6: return Optional.of("SIGABRT, a native abort");
      case 9: return Optional.of("SIGKILL: killed, possibly by the out-of-memory killer");
      case 11: return Optional.of("SIGSEGV, a native crash");
      case 15: return Optional.of("SIGTERM");
      default: return Optional.empty();
    }
  }

  /** The last lines of {@code log}, joined with " | "; empty when there is none. */
  static String tail(Path log) {
    if (!Files.isRegularFile(log)) {
      return "";
    }
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = new ArrayList<>();
      for (int i = Math.max(0, all.size() - LOG_TAIL_LINES); i < all.size(); i++) {
        String line = all.get(i).strip();
        if (!line.isEmpty()) {
          last.add(line.length() > LOG_LINE_CHARS ? line.substring(0, LOG_LINE_CHARS) + "..."
              : line);
        }
      }
      return String.join(" | ", last);
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
