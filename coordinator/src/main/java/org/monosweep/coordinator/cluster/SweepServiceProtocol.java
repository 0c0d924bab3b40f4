package org.monosweep.coordinator.cluster;

import akka.actor.typed.ActorRef;
import java.util.List;
import java.util.Objects;
import org.monosweep.protocol.CborSerializable;

/**
 * What clients ({@code monosweep run|status --cluster}) say to the cluster's {@link SweepService}
 * and what it answers. All of it crosses the wire, so every record is small: a spec travels as
 * its text, never as its expanded grid.
 */
public final class SweepServiceProtocol {
  private SweepServiceProtocol() {}

  /** What the service accepts. */
  public sealed interface Command extends CborSerializable {}

  /**
   * The stop message the singleton manager sends on hand-over: the service flushes its results
   * and stops, so the next coordinator starts from a complete store.
   */
  public enum Shutdown implements Command { INSTANCE }

  /**
   * Run a sweep. The service expands {@code specText} itself, records it (so a coordinator that
   * takes over resumes it) and answers once it is recorded. Submitting a sweep that is queued
   * or running with the same cells is answered as accepted again (a client that retries after
   * a failover); one with other cells under the same name is refused.
   *
   * @param specText the spec with includes and substitutions resolved
   *     ({@code SpecLoader.resolvedText})
   * @param origin where the client read it, for messages
   */
  public record SubmitSweep(String specText, String origin, ActorRef<SubmitReply> replyTo)
      implements Command {
    public SubmitSweep {
      Objects.requireNonNull(specText, "specText");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** The answer to {@link SubmitSweep}. */
  public sealed interface SubmitReply extends CborSerializable {}

  /**
   * The sweep is recorded and queued.
   *
   * @param sweepsAhead sweeps that run before it (sweeps run one after another)
   */
  public record SweepAccepted(String sweep, int cells, int sweepsAhead) implements SubmitReply {}

  /** The sweep was refused; {@code reason} says why and what to do. */
  public record SweepRefused(String reason) implements SubmitReply {}

  /**
   * Asks for the cluster's state.
   *
   * @param sweep only this sweep's state; empty for every sweep the service knows
   */
  public record GetStatus(String sweep, ActorRef<ClusterStatus> replyTo) implements Command {
    public GetStatus {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * The answer to {@link GetStatus}.
   *
   * @param coordinator the address of the member the service runs on
   * @param members the cluster's members
   * @param slotsBusy worker slots running a cell
   * @param slotsTotal worker slots the service can use
   * @param sweeps the sweeps asked about, in submission order
   * @param error empty, or why the question could not be answered (an unknown sweep)
   */
  public record ClusterStatus(String coordinator, List<MemberInfo> members, int slotsBusy,
      int slotsTotal, List<SweepState> sweeps, String error) implements CborSerializable {
    public ClusterStatus {
      members = List.copyOf(members);
      sweeps = List.copyOf(sweeps);
    }
  }

  /**
   * One cluster member.
   *
   * @param status Akka's member status ({@code Up}, {@code Leaving}, ...)
   * @param version its monosweep version ({@code akka.cluster.app-version})
   */
  public record MemberInfo(String address, List<String> roles, String status, String version,
      boolean reachable) implements CborSerializable {
    public MemberInfo {
      roles = List.copyOf(roles);
    }
  }

  /**
   * One sweep as the service sees it.
   *
   * @param phase {@code queued}, {@code running}, {@code finished} or {@code interrupted}
   * @param etaSeconds the estimated time left; -1 while unknown
   */
  public record SweepState(String sweep, String phase, int total, int done, int failed,
      int inFlight, long etaSeconds) implements CborSerializable {

    /** Whether nothing more will happen to the sweep. */
    public boolean over() {
      return phase.equals("finished") || phase.equals("interrupted");
    }
  }
}
