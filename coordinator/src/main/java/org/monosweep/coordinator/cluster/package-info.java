/**
 * The sweep service of a multi-machine cluster. {@link org.monosweep.coordinator.cluster.SweepServices}
 * hosts the {@code SweepService} as a Cluster Singleton on the oldest coordinator (restarted with
 * backoff, handed over when that machine leaves) and gives clients a proxy to it. The service owns
 * the store, resumes unfinished sweeps and runs submitted sweeps one after another, each with a
 * {@code SweepCoordinator}; {@link org.monosweep.coordinator.cluster.SweepServiceProtocol} is what
 * clients and standbys send it.
 */
package org.monosweep.coordinator.cluster;
