package org.monosweep.cli;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.monosweep.coordinator.sweep.SweepEvent;
import org.monosweep.protocol.CellResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a sweep's progress on the terminal (cells done/total, running, ETA; per-cell epoch,
 * loss and images/s) and logs the same lines to the log file.
 */
final class ProgressPrinter {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressPrinter.class);

  private final PrintStream out;
  private final CompletableFuture<SweepEvent> outcome;
  private SweepEvent.SweepProgressed last;

  private ProgressPrinter(PrintStream out, CompletableFuture<SweepEvent> outcome) {
    this.out = out;
    this.outcome = outcome;
  }

  /** Prints events to {@code out}; completes {@code outcome} with the sweep's last event. */
  static Behavior<Object> create(PrintStream out, CompletableFuture<SweepEvent> outcome) {
    ProgressPrinter printer = new ProgressPrinter(out, outcome);
    return Behaviors.receive(Object.class)
        .onMessage(SweepEvent.class, event -> {
          printer.onEvent(event);
          return Behaviors.same();
        })
        .onMessage(CoordinatorStopped.class, stopped -> {
          printer.onCoordinatorStopped();
          return Behaviors.same();
        })
        .build();
  }

  /**
   * The coordinator has stopped. Sent by the guardian after the coordinator's last event was
   * already queued here, so a sweep that ended normally has completed the outcome by now.
   */
  enum CoordinatorStopped { INSTANCE }

  private void onCoordinatorStopped() {
    outcome.completeExceptionally(new IllegalStateException(
        "the sweep coordinator stopped before the sweep ended; see runs/monosweep.log"));
  }

  private void onEvent(SweepEvent event) {
    if (event instanceof SweepEvent.SweepProgressed progressed) {
      last = progressed;
      return;
    }
    String line = describe(event);
    if (line != null) {
      out.println(line);
      out.flush();
      LOG.info(line);
    }
    if (event instanceof SweepEvent.SweepFinished || event instanceof SweepEvent.SweepInterrupted) {
      outcome.complete(event);
    }
  }

  private String describe(SweepEvent event) {
    if (event instanceof SweepEvent.SweepStarted started) {
      return "sweep " + started.sweep() + ": " + started.total() + " cells, " + started.alreadyDone()
          + " already done (skipped)";
    }
    if (event instanceof SweepEvent.CellProgressed p) {
      return prefix() + p.label() + "  " + p.phase() + " " + p.epoch() + "/" + p.epochs()
          + String.format("  loss %.4f  %,.0f img/s", p.loss(), p.imagesPerSecond());
    }
    if (event instanceof SweepEvent.CellFinished f) {
      String outcome = f.reason().isEmpty()
          ? "done in " + human(f.took()) + ": " + probes(f.probes())
          : "FAILED (attempt " + f.attempt() + "): " + f.reason();
      return prefix() + f.label() + "  " + outcome;
    }
    if (event instanceof SweepEvent.CellStateChanged c && !c.reason().isEmpty()) {
      return prefix() + c.label() + "  attempt " + c.attempt() + " will be retried: " + c.reason();
    }
    if (event instanceof SweepEvent.SweepFinished f) {
      return "sweep " + f.sweep() + " finished: " + f.done() + " done, " + f.failed() + " failed of "
          + f.total();
    }
    if (event instanceof SweepEvent.SweepInterrupted i) {
      return "sweep " + i.sweep() + " interrupted: " + i.done() + " done, " + i.interrupted()
          + " interrupted (the next run resumes them), " + i.failed() + " failed of " + i.total();
    }
    return null;
  }

  private String prefix() {
    if (last == null) {
      return "";
    }
    String eta = last.eta().map(ProgressPrinter::human).map(s -> " · ETA " + s).orElse("");
    return "[" + last.done() + "/" + last.total() + " done · " + last.running() + " running"
        + (last.failed() > 0 ? " · " + last.failed() + " failed" : "") + eta + "] ";
  }

  private static String probes(List<CellResult.ProbeAccuracy> probes) {
    return probes.stream()
        .map(p -> String.format("%s %.1f", p.layer(), 100 * p.top1()))
        .collect(Collectors.joining("  "));
  }

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format("%02d", (s / 60) % 60) + "m";
  }

}
