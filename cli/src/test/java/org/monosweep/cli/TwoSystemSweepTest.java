package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.coordinator.sweep.CoordinatorSettings;
import org.monosweep.coordinator.sweep.SweepCoordinator;
import org.monosweep.coordinator.sweep.SweepEvent;
import org.monosweep.coordinator.writer.ResultsWriter;
import org.monosweep.expand.SpecLoader;
import org.monosweep.gpunode.actor.NodeGuardian;
import org.monosweep.results.store.CellStatus;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import org.monosweep.spec.SweepSpec;
import org.monosweep.trainer.train.CellRunner;

/**
 * The whole path with real parts: a coordinator system and a node system joined over loopback
 * TCP (every message really serialized), real training on Fashion-MNIST, a real H2 file.
 */
class TwoSystemSweepTest {
  private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path runs;

  private ActorTestKit coordinatorSystem;
  private ActorTestKit nodeSystem;
  private NodeRunner nodeRunner;
  private ResultStore store;

  static final String SPEC = """
      name = three-cells
      dataset { kind = fashion-mnist }
      grid {
        method = [rotnet, supervised, random]
        n = [10]
        augmentation = [all]
      }
      budget { epochs = 1, d = 256, batch = 32 }
      probe { epochs = 2, lr-drops = [1], train-limit = 600, test-limit = 300 }
      """;

  @BeforeEach
  void startCluster() {
    Config config = ConfigFactory.parseResources("cluster-test.conf").withFallback(ConfigFactory.load());
    coordinatorSystem = ActorTestKit.create("monosweep", config);
    nodeSystem = ActorTestKit.create("monosweep", config);
    Cluster first = Cluster.get(coordinatorSystem.system());
    first.manager().tell(Join.create(first.selfMember().address()));
    Cluster.get(nodeSystem.system()).manager().tell(Join.create(first.selfMember().address()));
    TestProbe<Object> waiter = coordinatorSystem.createTestProbe();
    waiter.awaitAssert(Duration.ofSeconds(20), () -> {
      assertThat(first.state().getMembers()).hasSize(2)
          .allMatch(m -> m.status() == MemberStatus.up());
      return null;
    });
    store = ResultStores.openFile(runs.resolve("monosweep"));
    nodeRunner = NodeRunner.create(config, new RunsLayout(runs));
  }

  @AfterEach
  void stopCluster() throws Exception {
    nodeSystem.shutdownTestKit();
    coordinatorSystem.shutdownTestKit();
    nodeRunner.close();
    store.close();
  }

  @Test
  void threeCellSweepRunsAcrossTwoSystemsIntoH2AndAResumeRecomputesNothing() {
    SweepSpec spec = SpecLoader.create().parse(SPEC, "three-cells.conf");
    assertThat(spec.cells()).hasSize(3);
    AtomicInteger cellsRun = new AtomicInteger();
    CellRunner counting = (cell, context) -> {
      cellsRun.incrementAndGet();
      return nodeRunner.cellRunner().run(cell, context);
    };
    nodeSystem.spawn(NodeGuardian.create(counting, 1, "node-b", runs), "node");
    ActorRef<ResultsWriter.Command> writer = coordinatorSystem.spawn(ResultsWriter.create(store), "resultsWriter");

    SweepEvent.SweepFinished first = runSweep(spec, writer, "first");
    assertThat(first.done()).isEqualTo(3);
    assertThat(first.failed()).isZero();
    assertThat(cellsRun).hasValue(3);
    assertThat(store.cells(spec.name())).allMatch(row -> row.state().status() == CellStatus.DONE);
    for (var cell : spec.cells()) {
      assertThat(store.probes(cell.id())).extracting(p -> p.layer())
          .containsExactly("conv1", "conv2", "conv3", "conv4");
      assertThat(store.probes(cell.id())).allMatch(p -> p.top1() > 0.3,
          "every probe beats chance (0.1) on Fashion-MNIST by a wide margin");
      assertThat(store.artifacts(cell.id())).isNotEmpty()
          .allMatch(a -> Files.exists(Path.of(a.path())));
    }

    SweepEvent.SweepFinished resumed = runSweep(spec, writer, "resumed");
    assertThat(resumed.done()).isEqualTo(3);
    assertThat(cellsRun).as("a resumed sweep recomputes nothing").hasValue(3);
  }

  private SweepEvent.SweepFinished runSweep(SweepSpec spec, ActorRef<ResultsWriter.Command> writer, String name) {
    TestProbe<SweepEvent> events = coordinatorSystem.createTestProbe();
    coordinatorSystem.spawn(SweepCoordinator.create(spec, writer,
        CoordinatorSettings.create(coordinatorSystem.system()), events.getRef()), "sweep-" + name);
    List<SweepEvent> seen = events.fishForMessage(SWEEP_TIMEOUT, e -> e instanceof SweepEvent.SweepFinished
        ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    return (SweepEvent.SweepFinished) seen.get(seen.size() - 1);
  }
}
