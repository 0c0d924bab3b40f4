package org.monosweep.cli;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.monosweep.coordinator.sweep.SweepEvent;
import org.monosweep.expand.SpecLoader;
import org.monosweep.gpunode.process.SlotLayout;
import org.monosweep.results.report.SweepReport;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import org.monosweep.spec.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code monosweep run SPEC}: runs a sweep in this JVM (resuming: finished cells are skipped),
 * shows progress, then writes the augmentation previews and the report and prints the report.
 * Ctrl-C marks running cells interrupted.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a sweep (finished cells are skipped), then print its report.")
final class RunCommand implements Callable<Integer> {
  @Mixin RunsOption runs;

  @Parameters(paramLabel = "SPEC", description = "a spec file (relative to the working"
      + " directory), or the name of a bundled spec")
  String spec;

  @Mixin SlotOptions slotOptions;

  @Option(names = "--cluster", paramLabel = "HOST:PORT",
      description = "submit the sweep to the cluster whose coordinator is at HOST:PORT and follow"
          + " it, instead of running it in this JVM")
  String cluster;

  @Mixin ClusterOptions clusterOptions;
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    if (cluster != null) {
      MemberLogs.client(runs.layout());
      return ClusterRun.submitAndFollow(spec, cluster,
          clusterOptions.setup(config.settings(), 0), System.out);
    }
    SweepSpec sweep = SpecLoader.create().loadFileOrBundled(spec);
    RunsLayout layout = runs.layout();
    System.setProperty("monosweep.runs", layout.root().toString());
    Config settings = config.settings();
    SlotLayout slots = slotOptions.layout(settings);
    try (ResultStore store = ResultStores.openFile(layout.database());
        NodeRunner runner = NodeRunner.create(settings, layout, slots)) {
      System.out.println("training on " + slots.describe());
      SweepEvent outcome = runEmbedded(sweep, store, runner, slots.size(), layout, settings);
      SweepReport report = SweepReport.load(store, sweep.name()).withPreviews(SweepPreviews.write(
          store.cells(sweep.name()), layout.previews(sweep.name()), System.out));
      java.nio.file.Path written = report.writeTo(layout.root());
      System.out.println();
      System.out.print(report.toMarkdown());
      System.out.println();
      System.out.println("report written to " + written);
      if (outcome instanceof SweepEvent.SweepInterrupted) {
        return ExitCodes.INTERRUPTED;
      }
      return ((SweepEvent.SweepFinished) outcome).failed() == 0 ? ExitCodes.OK
          : ExitCodes.INCOMPLETE;
    }
  }

  private SweepEvent runEmbedded(SweepSpec sweep, ResultStore store, NodeRunner runner,
      int slots, RunsLayout layout, Config config) throws InterruptedException {
    EmbeddedSweep embedded = EmbeddedSweep.start(sweep, store, runner::cellRunner, slots, layout,
        config, System.out);
    Thread onCtrlC = new Thread(() -> interruptAndWait(embedded), "monosweep-interrupt");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      return embedded.awaitOutcome();
    } finally {
      removeHook(onCtrlC);
      embedded.close();
    }
  }

  private static void interruptAndWait(EmbeddedSweep embedded) {
    System.out.println("\ninterrupting: marking running cells interrupted (the next run resumes them)");
    embedded.interrupt();
    try {
      embedded.awaitOutcome(Duration.ofSeconds(30));
    } catch (InterruptedException | TimeoutException | IllegalStateException e) {
      System.out.println("interrupt did not finish cleanly: " + e.getMessage());
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Already in shutdown (Ctrl-C): the hook is running and finishes the interrupt.
    }
  }
}
