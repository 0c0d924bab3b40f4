package org.monosweep.cli;

import java.util.concurrent.Callable;
import org.monosweep.results.report.StatusSummary;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monosweep status}: every sweep in the store with its cells by state. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the sweeps in the store: cells done/total, failed, running.")
final class StatusCommand implements Callable<Integer> {
  @Mixin RunsOption runs;

  @Option(names = "--cluster", paramLabel = "HOST:PORT",
      description = "ask the running cluster at HOST:PORT: members, slots busy/free, sweeps and"
          + " their ETA")
  String cluster;

  @Mixin ClusterOptions clusterOptions;
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    if (cluster != null) {
      MemberLogs.client(runs.layout());
      return ClusterRun.printStatus(cluster,
          clusterOptions.setup(config.settings(), 0), System.out);
    }
    try (ResultStore store = ResultStores.openFile(runs.layout().database())) {
      String text = StatusSummary.load(store).toText();
      System.out.print(text.endsWith("\n") ? text : text + "\n");
    }
    return ExitCodes.OK;
  }
}
