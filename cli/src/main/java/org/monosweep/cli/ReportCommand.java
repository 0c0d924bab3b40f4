package org.monosweep.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.monosweep.results.report.SweepReport;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code monosweep report SWEEP}: the paper-layout tables, printed and written under runs/, with
 * the augmentation previews written again beside them.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Print a sweep's probe tables and write runs/<sweep>/report.md.")
final class ReportCommand implements Callable<Integer> {
  @Mixin RunsOption runs;

  @Parameters(paramLabel = "SWEEP", description = "the sweep's name")
  String sweep;

  @Override
  public Integer call() throws Exception {
    try (ResultStore store = ResultStores.openFile(runs.layout().database())) {
      SweepReport report = SweepReport.load(store, sweep).withPreviews(SweepPreviews.write(
          store.cells(sweep), runs.layout().previews(sweep), System.out));
      Path written = report.writeTo(runs.layout().root());
      System.out.print(report.toMarkdown());
      System.out.println();
      System.out.println("written to " + written);
    }
    return ExitCodes.OK;
  }
}
