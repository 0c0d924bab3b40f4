package org.monosweep.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed and validated spec before expansion: the typed form of the HOCON text. The
 * {@link org.monosweep.expand.GridExpander} turns it into cells; {@link SpecLoader} does both
 * and returns the {@link SweepSpec}.
 *
 * @param name the sweep's name
 * @param origin the file or resource it came from
 * @param dataset the labelled dataset every cell uses
 * @param encoder the architecture every cell trains and probes
 * @param grid the axes
 * @param probe the probe protocol every cell uses
 * @param methods the settings of every {@link Method} (all methods present)
 * @param exclude rules removing grid cells
 * @param include rules adding cells, after exclusion
 */
public record SweepDefinition(
    String name,
    String origin,
    DatasetRef dataset,
    EncoderKind encoder,
    GridAxes grid,
    ProbeSettings probe,
    Map<Method, MethodSettings> methods,
    List<CellRule> exclude,
    List<CellRule> include) {

  public SweepDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(probe, "probe");
    EnumMap<Method, MethodSettings> copy = new EnumMap<>(Method.class);
    copy.putAll(methods);
    for (Method m : Method.values()) {
      if (!copy.containsKey(m)) {
        throw new IllegalArgumentException("settings for method " + m + " are missing");
      }
    }
    methods = Collections.unmodifiableMap(copy);
    exclude = List.copyOf(exclude);
    include = List.copyOf(include);
  }

  /** The settings of {@code method}. */
  public MethodSettings settingsFor(Method method) {
    return methods.get(method);
  }

  /** This definition without exclude and include rules: the bare grid. */
  public SweepDefinition withoutRules() {
    return new SweepDefinition(name, origin, dataset, encoder, grid, probe, methods, List.of(), List.of());
  }
}
