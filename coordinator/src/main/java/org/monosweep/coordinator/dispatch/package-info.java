/**
 * The coordinator's bookkeeping, free of actors and clocks of its own: {@link
 * org.monosweep.coordinator.dispatch.CellBook} tracks every cell of a sweep through its {@link
 * org.monosweep.coordinator.dispatch.CellState}s and answers each worker report with a {@link
 * org.monosweep.coordinator.dispatch.ReportDecision}; {@link
 * org.monosweep.coordinator.dispatch.SlotTable} tracks which worker slot is free, asks for work or
 * holds which attempt. Both return decisions; the sweep actor carries them out (sends, writes,
 * events), so everything here is tested synchronously with an injected {@link java.time.Clock}.
 */
package org.monosweep.coordinator.dispatch;
