/**
 * Cells in child processes of their own. A {@link org.monosweep.gpunode.process.ProcessCellRunner}
 * is the node's {@code CellRunner}: it starts one child JVM per cell, gives it its
 * {@link org.monosweep.gpunode.process.CellJob} and reads its
 * {@link org.monosweep.gpunode.process.CellEvent}s over the JSON-lines
 * {@link org.monosweep.gpunode.process.CellChannel}; the cli's {@code CellProcessMain} is the
 * child. {@link org.monosweep.gpunode.process.CellProcessSettings} says how children start.
 */
package org.monosweep.gpunode.process;
