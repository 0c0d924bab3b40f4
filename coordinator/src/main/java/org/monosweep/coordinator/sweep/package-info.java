/**
 * The sweep actor. {@link org.monosweep.coordinator.sweep.SweepCoordinator} owns one sweep: it
 * asks the results writer which cells are done, feeds the others to worker slots found through
 * the Receptionist, records every start, result, failure and interruption with the writer, and
 * tells a listener what happens as {@link org.monosweep.coordinator.sweep.SweepEvent}s. Its
 * limits and timeouts come from {@link org.monosweep.coordinator.sweep.CoordinatorSettings}
 * ({@code monosweep.coordinator}); its bookkeeping is the pure {@code coordinator.dispatch}
 * package.
 */
package org.monosweep.coordinator.sweep;
