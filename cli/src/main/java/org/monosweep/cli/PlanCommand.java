package org.monosweep.cli;

import java.util.concurrent.Callable;
import org.monosweep.expand.PlanReport;
import org.monosweep.expand.SpecLoader;
import org.monosweep.spec.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code monosweep plan SPEC}: prints the grid without running anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print a sweep's grid: cell count, ids and estimated cost.")
final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC", description = "a spec file (relative to the working"
      + " directory), or the name of a bundled spec (quickstart, table1-augmentation)")
  String spec;

  @Override
  public Integer call() {
    SweepSpec sweep = SpecLoader.create().loadFileOrBundled(spec);
    System.out.print(PlanReport.create().render(sweep));
    return ExitCodes.OK;
  }
}
