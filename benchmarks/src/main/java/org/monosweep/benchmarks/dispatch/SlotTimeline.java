package org.monosweep.benchmarks.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a sweep's worker slots spent a measured window: when cells held slots, and when the sweep
 * had cells pending (not yet handed to any slot). It answers how much slot time was busy and how
 * much sat idle while work was waiting, which is the time the dispatch path itself costs.
 *
 * <p>Idle time is counted per instant: at time t, {@code slots - (cells holding a slot at t)}
 * slots are idle. Summed over time that equals the sum of every slot's gaps between the end of
 * one cell and the start of its next (or the window's start and its first cell), without having
 * to know which slot ran which cell. Only instants inside a pending interval count, so the tail of
 * a sweep, when slots idle because nothing is left to hand out, is not idleness of the dispatch
 * path. Everything is clipped to the window.
 */
final class SlotTimeline {
  private final int slots;
  private final Interval window;
  private final long heldNanos;
  private final long idleWhilePendingNanos;
  private final long lastHoldEnd;

  private SlotTimeline(int slots, Interval window, long heldNanos, long idleWhilePendingNanos,
      long lastHoldEnd) {
    this.slots = slots;
    this.window = window;
    this.heldNanos = heldNanos;
    this.idleWhilePendingNanos = idleWhilePendingNanos;
    this.lastHoldEnd = lastHoldEnd;
  }

  /**
   * Lays out one window.
   *
   * @param slots the worker slots that served the sweep
   * @param window the measured stretch, from the sweep's start to its end
   * @param holds when each cell held a slot (at most {@code slots} at any instant)
   * @param pending when the sweep had at least one cell waiting for a slot; may overlap
   * @throws IllegalArgumentException if {@code slots} is less than 1
   */
  static SlotTimeline create(int slots, Interval window, List<Interval> holds,
      List<Interval> pending) {
    if (slots < 1) {
      throw new IllegalArgumentException("a timeline needs at least one slot, got " + slots);
    }
    Objects.requireNonNull(window, "window");
    // One step per interval edge: +1/-1 to the cells holding a slot, +1/-1 to the pending depth.
    List<long[]> steps = new ArrayList<>(2 * (holds.size() + pending.size()));
    long held = 0;
    long lastHoldEnd = window.start();
    for (Interval hold : holds) {
      Interval clipped = hold.clippedTo(window);
      held += clipped.length();
      lastHoldEnd = Math.max(lastHoldEnd, clipped.end());
      steps.add(new long[] {clipped.start(), 1, 0});
      steps.add(new long[] {clipped.end(), -1, 0});
    }
    for (Interval p : pending) {
      Interval clipped = p.clippedTo(window);
      steps.add(new long[] {clipped.start(), 0, 1});
      steps.add(new long[] {clipped.end(), 0, -1});
    }
    steps.sort((a, b) -> Long.compare(a[0], b[0]));
    long idle = 0;
    long busy = 0;
    long pendingDepth = 0;
    long previous = window.start();
    for (long[] step : steps) {
      if (pendingDepth > 0) {
        idle += Math.max(0, slots - busy) * (step[0] - previous);
      }
      previous = step[0];
      busy += step[1];
      pendingDepth += step[2];
    }
    return new SlotTimeline(slots, window, held, idle, lastHoldEnd);
  }

  /** The slots that served the sweep. */
  int slots() {
    return slots;
  }

  /** The measured window. */
  Interval window() {
    return window;
  }

  /** All slot time in the window: {@code slots x window}. */
  long slotNanos() {
    return slots * window.length();
  }

  /** When the last hold ended (clipped to the window); the window's start if none. */
  long lastHoldEnd() {
    return lastHoldEnd;
  }

  /** Slot time spent holding cells. */
  long heldNanos() {
    return heldNanos;
  }

  /** Slot time idle while at least one cell was pending. */
  long idleWhilePendingNanos() {
    return idleWhilePendingNanos;
  }

  /**
   * {@code idle slot time while cells were pending / (slots x window)}, in [0, 1]; 0 for an
   * empty window.
   */
  double idleFractionWhilePending() {
    return slotNanos() == 0 ? 0.0 : (double) idleWhilePendingNanos / slotNanos();
  }
}
