package org.monosweep.gpunode.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.delivery.WorkPullingProducerController;
import akka.actor.typed.receptionist.Receptionist;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.gpunode.train.CellFailure;
import org.monosweep.gpunode.train.CellRunner;
import org.monosweep.protocol.CellReport;
import org.monosweep.protocol.CellReport.CellCompleted;
import org.monosweep.protocol.CellReport.CellFailed;
import org.monosweep.protocol.CellReport.CellProgress;
import org.monosweep.protocol.CellReport.CellStarted;
import org.monosweep.protocol.CellResult;
import org.monosweep.protocol.RunCell;
import org.monosweep.protocol.ServiceKeys;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;

/**
 * A CellWorker fed by a real WorkPullingProducerController, with plain-Java CellRunners instead
 * of DJL training. Every message is serialized ({@code serialize-messages = on}).
 */
class CellWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ActorTestKit testKit;
  private static ExecutorService training;

  @TempDir Path runs;

  private final List<ActorRef<?>> started = new ArrayList<>();

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(ConfigFactory.parseString("akka.actor.serialize-messages = on")
        .withFallback(ConfigFactory.load()));
    training = Executors.newFixedThreadPool(2, task -> new Thread(task, "test-training"));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    training.shutdownNow();
  }

  @AfterEach
  void stopActors() {
    started.forEach(testKit::stop);
    TestProbe<Receptionist.Listing> listings = testKit.createTestProbe();
    listings.awaitAssert(WAIT, () -> {
      testKit.system().receptionist().tell(Receptionist.find(ServiceKeys.CELL_WORKERS, listings.getRef()));
      assertThat(listings.receiveMessage().getServiceInstances(ServiceKeys.CELL_WORKERS)).isEmpty();
      return null;
    });
  }

  /** Sums 1..100 over two "epochs", reporting each, in the cell's folder. */
  private static final CellRunner SUMMING = (cell, context) -> {
    assertThat(context.workDir()).isDirectory();
    long sum = 0;
    for (int epoch = 1; epoch <= 2; epoch++) {
      for (int i = (epoch - 1) * 50 + 1; i <= epoch * 50; i++) {
        sum += i;
      }
      context.progress().onEpoch("train", epoch, 2, 1.0 / epoch, 100.0 * epoch);
    }
    return result(sum);
  };

  @Test
  void reportsStartedEachEpochAndCompletedInThatOrder() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    Feeder feeder = feeder();
    worker(SUMMING);
    Cell cell = cell(1);

    feeder.send(new RunCell("s", cell, 1, reports.getRef()));

    reports.expectMessage(WAIT, new CellStarted("s", cell.id(), 1, "node-a"));
    reports.expectMessage(WAIT, new CellProgress("s", cell.id(), 1, "node-a", "train", 1, 2, 1.0, 100.0));
    reports.expectMessage(WAIT, new CellProgress("s", cell.id(), 1, "node-a", "train", 2, 2, 0.5, 200.0));
    reports.expectMessage(WAIT, new CellCompleted("s", cell.id(), 1, "node-a", result(5050)));
  }

  @Test
  void runsTheCellInItsOwnFolderOffTheActorThread() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    CompletableFuture<Path> workDir = new CompletableFuture<>();
    CompletableFuture<String> thread = new CompletableFuture<>();
    Feeder feeder = feeder();
    worker((cell, context) -> {
      workDir.complete(context.workDir());
      thread.complete(Thread.currentThread().getName());
      return result(0);
    });
    Cell cell = cell(2);

    feeder.send(new RunCell("s", cell, 1, reports.getRef()));

    reports.expectMessageClass(CellStarted.class, WAIT);
    reports.expectMessageClass(CellCompleted.class, WAIT);
    assertThat(workDir.join()).isEqualTo(runs.resolve("cells").resolve(cell.id().value()));
    assertThat(Files.isDirectory(workDir.join())).isTrue();
    assertThat(thread.join()).isEqualTo("test-training");
  }

  @Test
  void takesTheNextCellOnlyAfterReportingTheLast() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    Feeder feeder = feeder();
    worker(SUMMING);
    Cell first = cell(3);
    Cell second = cell(4);

    feeder.send(new RunCell("s", first, 1, reports.getRef()));
    feeder.send(new RunCell("s", second, 1, reports.getRef()));

    List<CellReport> seen = IntStream.range(0, 8)
        .mapToObj(i -> reports.receiveMessage(WAIT)).toList();
    assertThat(seen).extracting(r -> r.getClass().getSimpleName() + " " + r.cellId())
        .containsExactly(
            "CellStarted " + first.id(), "CellProgress " + first.id(), "CellProgress " + first.id(),
            "CellCompleted " + first.id(),
            "CellStarted " + second.id(), "CellProgress " + second.id(),
            "CellProgress " + second.id(), "CellCompleted " + second.id());
  }

  @Test
  void aCellFailureReportsItsReasonAndThatRetryingCannotHelp() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    Feeder feeder = feeder();
    worker((cell, context) -> {
      throw CellFailure.permanent("dataset file missing: /usr/share/datasets/x (apt install x)");
    });
    Cell cell = cell(5);

    feeder.send(new RunCell("s", cell, 2, reports.getRef()));

    reports.expectMessage(WAIT, new CellStarted("s", cell.id(), 2, "node-a"));
    reports.expectMessage(WAIT, new CellFailed("s", cell.id(), 2, "node-a",
        "dataset file missing: /usr/share/datasets/x (apt install x)", false));
  }

  @Test
  void anyOtherThrowableIsARetryableFailureNamingItsType() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    Feeder feeder = feeder();
    worker((cell, context) -> {
      if (cell.seed() == 6) {
        throw new IllegalStateException("loss is NaN at step 12\nsecond line");
      }
      throw new OutOfMemoryError("Java heap space");
    });

    feeder.send(new RunCell("s", cell(6), 1, reports.getRef()));
    reports.expectMessageClass(CellStarted.class, WAIT);
    assertThat(reports.expectMessageClass(CellFailed.class, WAIT)).satisfies(f -> {
      assertThat(f.reason()).isEqualTo("IllegalStateException: loss is NaN at step 12");
      assertThat(f.retryable()).isTrue();
    });

    feeder.send(new RunCell("s", cell(7), 1, reports.getRef()));
    reports.expectMessageClass(CellStarted.class, WAIT);
    assertThat(reports.expectMessageClass(CellFailed.class, WAIT)).satisfies(f -> {
      assertThat(f.reason()).isEqualTo("OutOfMemoryError: Java heap space");
      assertThat(f.retryable()).isTrue();
    });
  }

  @Test
  void stoppingTheWorkerCancelsItsRunningCell() throws Exception {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    CompletableFuture<Boolean> sawCancel = new CompletableFuture<>();
    Feeder feeder = feeder();
    ActorRef<CellWorker.Command> worker = worker((cell, context) -> {
      while (!context.cancelled().getAsBoolean()) {
        LockSupport.parkNanos(1_000_000); // one "training step"
      }
      sawCancel.complete(true);
      throw new CellFailure("cancelled", true, null);
    });

    feeder.send(new RunCell("s", cell(8), 1, reports.getRef()));
    reports.expectMessageClass(CellStarted.class, WAIT);
    testKit.stop(worker);

    assertThat(sawCancel.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aNodeAdvertisesOneWorkerPerSlot() {
    ActorRef<Void> node = testKit.spawn(NodeGuardian.create(SUMMING, 2, "node-b", runs), "node");
    started.add(node);
    TestProbe<Receptionist.Listing> listings = testKit.createTestProbe();
    listings.awaitAssert(WAIT, () -> {
      testKit.system().receptionist().tell(Receptionist.find(ServiceKeys.CELL_WORKERS, listings.getRef()));
      assertThat(listings.receiveMessage().getServiceInstances(ServiceKeys.CELL_WORKERS))
          .extracting(ref -> ref.path().parent().name())
          .containsExactlyInAnyOrder("slot-1", "slot-2");
      return null;
    });
  }

  @Test
  void aNodeWithoutSlotsIsRefused() {
    assertThatThrownBy(() -> NodeGuardian.create(SUMMING, 0, "node-c", runs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one worker slot")
        .hasMessageContaining("got --slots 0");
  }

  // --- helpers

  /** The producer side: hands each message to the slot when it asks. */
  private final class Feeder {
    private final TestProbe<WorkPullingProducerController.RequestNext<RunCell>> requests =
        testKit.createTestProbe();

    Feeder() {
      ActorRef<WorkPullingProducerController.Command<RunCell>> producer = testKit.spawn(
          WorkPullingProducerController.create(RunCell.class, "test-producer",
              ServiceKeys.CELL_WORKERS, Optional.empty()));
      started.add(producer);
      producer.tell(new WorkPullingProducerController.Start<>(requests.getRef()));
    }

    void send(RunCell run) {
      requests.receiveMessage(WAIT).sendNextTo().tell(run);
    }
  }

  private Feeder feeder() {
    return new Feeder();
  }

  private ActorRef<CellWorker.Command> worker(CellRunner runner) {
    ActorRef<CellWorker.Command> worker =
        testKit.spawn(CellWorker.create(runner, "node-a", runs, training));
    started.add(worker);
    return worker;
  }

  private static CellResult result(long sum) {
    return new CellResult(List.of(new CellResult.ProbeAccuracy("conv1", sum / 10_000.0, 1, 64)),
        List.of(new CellResult.EpochMetric("train", 2, 2, "sum", sum)), List.of(), 0.0, 0.0,
        List.of());
  }

  private static Cell cell(long seed) {
    return Cell.of(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, seed,
        new DatasetRef(DatasetKind.FASHION_MNIST, "/data/fashion"), "/img/source.jpg",
        EncoderKind.SMALL4, new TrainBudget(2, 128, 64), ProbeSettings.paper(),
        new Hyperparameters(Map.of()));
  }
}
