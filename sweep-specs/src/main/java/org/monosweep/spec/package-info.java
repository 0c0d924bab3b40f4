/**
 * Sweep specs: the HOCON grammar and the domain types of a sweep. {@link
 * org.monosweep.expand.SpecLoader} reads a spec, validates it into a typed {@link
 * org.monosweep.spec.SweepDefinition} (axes, per-method settings, rules), has {@code expand}
 * turn that into {@link org.monosweep.spec.Cell}s and returns the {@link
 * org.monosweep.spec.SweepSpec}; a bad spec fails with a {@link org.monosweep.spec.SpecException}
 * listing every problem. Method parameters are declared once ({@link
 * org.monosweep.spec.ParamKeys}), listed per method ({@link org.monosweep.spec.MethodParams}) and
 * checked against those declarations when a spec is read. A cell holds every resolved setting a node needs, and its {@link
 * org.monosweep.spec.CellId} is a hash of them, so equal cells share results across sweeps.
 */
package org.monosweep.spec;
