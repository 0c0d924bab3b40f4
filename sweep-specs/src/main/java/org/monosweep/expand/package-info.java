/**
 * Grid expansion and planning. {@link org.monosweep.expand.GridExpander} turns a validated
 * {@link org.monosweep.spec.SweepDefinition} into cells in a deterministic order;
 * {@link org.monosweep.expand.SpecLoader} calls it, so other code rarely needs to.
 * {@link org.monosweep.expand.PlanReport} prints a sweep's grid with an estimated cost per cell
 * ({@link org.monosweep.expand.CellCost}), at the throughputs of {@link
 * org.monosweep.expand.PlanSettings}.
 */
package org.monosweep.expand;
