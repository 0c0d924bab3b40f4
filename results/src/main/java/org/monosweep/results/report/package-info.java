/**
 * Human-readable views of a {@link org.monosweep.results.store.ResultStore}:
 * {@link org.monosweep.results.report.SweepReport} renders one sweep as Markdown tables in the
 * reference paper's layout (what {@code monosweep report} prints and writes to
 * {@code runs/<sweep>/report.md}), and {@link org.monosweep.results.report.StatusSummary} lists
 * every sweep's progress (what {@code monosweep status} prints). Both read the store once and
 * render without further I/O.
 */
package org.monosweep.results.report;
