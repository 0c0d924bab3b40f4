package org.monosweep.coordinator.sweep;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;

/**
 * Decides whether the worker slots of a cluster member may get cells: only a member whose
 * application version ({@code akka.cluster.app-version}, set to monosweep's version) has the
 * coordinator's major and minor version, so an incompatible node is logged and refused while
 * the cluster keeps running. Outside a cluster (a local actor system) every slot is admitted.
 */
final class NodeAdmission {

  private final Cluster cluster;
  private final Logger log;
  private final Set<Address> refused = new HashSet<>();

  private NodeAdmission(Cluster cluster, Logger log) {
    this.cluster = cluster;
    this.log = log;
  }

  static NodeAdmission of(ActorSystem<?> system, Logger log) {
    String provider = system.settings().config().getString("akka.actor.provider");
    boolean clustered = provider.equals("cluster") || provider.endsWith("ClusterActorRefProvider");
    return new NodeAdmission(clustered ? Cluster.get(system) : null, log);
  }

  /** Whether slots at {@code address} may get cells; a refusal is logged once per address. */
  boolean admits(Address address) {
    if (cluster == null || !address.hasGlobalScope()) {
      return true;
    }
    Member member = StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .filter(m -> m.address().equals(address)).findFirst().orElse(null);
    if (member == null) {
      return true; // listed before its membership reached us; its version is checked next time
    }
    String theirs = member.appVersion().version();
    String ours = cluster.selfMember().appVersion().version();
    if (compatible(theirs, ours)) {
      return true;
    }
    if (refused.add(address)) {
      log.warn("refusing the worker slots of {}: it runs monosweep {}, this coordinator {};"
          + " run the same monosweep version on every machine", address, theirs, ours);
    }
    return false;
  }

  /** Same major and minor version: the wire protocol only changes with one of them. */
  static boolean compatible(String a, String b) {
    return majorMinor(a).equals(majorMinor(b));
  }

  private static String majorMinor(String version) {
    String[] parts = version.split("[.-]");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : parts[0];
  }
}
