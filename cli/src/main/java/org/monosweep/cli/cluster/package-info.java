/**
 * How a cli process becomes a member of a multi-machine cluster: {@link
 * org.monosweep.cli.cluster.ClusterSetup} layers a member's Akka configuration (role, address,
 * seed nodes and TLS over the settings), and {@link org.monosweep.cli.cluster.ClusterClient} is
 * the short-lived client member that {@code run --cluster} and {@code status --cluster} use to
 * ask the sweep service. A client that cannot join in {@link
 * org.monosweep.cli.cluster.ClientSettings#joinTimeout()} gives up with a {@link
 * org.monosweep.cli.cluster.ClusterUnreachableException}.
 */
package org.monosweep.cli.cluster;
