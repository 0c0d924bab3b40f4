package org.monosweep.gpunode.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.delivery.WorkPullingProducerController;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.coordinator.artifacts.ArtifactStore;
import org.monosweep.coordinator.artifacts.ArtifactStoreSettings;
import org.monosweep.protocol.ArtifactUpload.ArtifactsStored;
import org.monosweep.protocol.ArtifactUpload;
import org.monosweep.protocol.CellReport.CellAlive;
import org.monosweep.protocol.CellReport.CellCompleted;
import org.monosweep.protocol.CellReport.CellFailed;
import org.monosweep.protocol.CellReport.CellProgress;
import org.monosweep.protocol.CellReport.CellStarted;
import org.monosweep.protocol.CellReport;
import org.monosweep.protocol.CellResult.ArtifactRef;
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
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunner;

/**
 * A CellWorker fed by a real WorkPullingProducerController, with plain-Java CellRunners instead
 * of DJL training, uploading to the coordinator's real ArtifactStore. Every message is
 * serialized ({@code serialize-messages = on}), stream references included.
 */
class CellWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ActorTestKit testKit;
  private static ExecutorService training;

  @TempDir Path runs;
  @TempDir Path storeRoot;

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

  @Test
  void renewsItsLeaseWhileTheCellRunsAndStopsWhenItReported() throws Exception {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    CountDownLatch release = new CountDownLatch(1);
    Feeder feeder = feeder();
    worker((cell, context) -> {
      try {
        if (!release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never released the runner");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return result(1);
    }, new CellWorkerSettings(Duration.ofMillis(100), WAIT));
    Cell cell = cell(9);

    feeder.send(new RunCell("s", cell, 3, reports.getRef()));

    reports.expectMessage(WAIT, new CellStarted("s", cell.id(), 3, "node-a"));
    reports.expectMessage(WAIT, new CellAlive("s", cell.id(), 3, "node-a"));
    reports.expectMessage(WAIT, new CellAlive("s", cell.id(), 3, "node-a"));
    release.countDown();
    assertThat(skippingAlive(reports, CellCompleted.class, new AtomicInteger()).result())
        .isEqualTo(result(1));
    // Three renewal intervals without a word: the lease timer ended with the report.
    reports.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void withoutAnArtifactStoreTheFilesKeepTheirLocalPaths() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    Feeder feeder = feeder();
    worker(writing(Map.of("encoder.onnx", randomBytes(1000, 1)), null));
    Cell cell = cell(10);

    feeder.send(new RunCell("s", cell, 1, reports.getRef()));

    reports.expectMessageClass(CellStarted.class, WAIT);
    CellCompleted completed = reports.expectMessageClass(CellCompleted.class, WAIT);
    assertThat(completed.result().artifacts()).extracting(ArtifactRef::path).containsExactly(
        runs.resolve("cells").resolve(cell.id().value()).resolve("encoder.onnx").toString());
  }

  @Test
  void uploadsTheCellsFilesAndReportsTheStoresPaths() throws Exception {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    Feeder feeder = feeder();
    byte[] encoder = randomBytes(300 * 1024 + 5, 2);
    byte[] card = "{\"layers\": 4}".getBytes(StandardCharsets.UTF_8);
    worker(writing(Map.of("encoder.onnx", encoder, "model-card.json", card), null));
    ActorRef<ArtifactUpload> store = store(storeRoot);
    Cell cell = cell(11);

    feeder.send(new RunCell("s", cell, 2, reports.getRef(), store));

    reports.expectMessageClass(CellStarted.class, WAIT);
    CellCompleted completed = reports.expectMessageClass(CellCompleted.class, WAIT);
    Path attemptDir = storeRoot.resolve(cell.id().value()).resolve("attempt-2");
    assertThat(completed.result().artifacts()).containsExactly(
        new ArtifactRef("onnx", attemptDir.resolve("encoder.onnx").toString(), encoder.length,
            sha256(encoder)),
        new ArtifactRef("onnx", attemptDir.resolve("model-card.json").toString(), card.length,
            sha256(card)));
    assertThat(Files.readAllBytes(attemptDir.resolve("encoder.onnx"))).isEqualTo(encoder);
    assertThat(Files.readAllBytes(attemptDir.resolve("model-card.json"))).isEqualTo(card);
    Path localDir = runs.resolve("cells").resolve(cell.id().value());
    assertThat(Files.mismatch(localDir.resolve("encoder.onnx"), attemptDir.resolve("encoder.onnx")))
        .isEqualTo(-1L);
    assertThat(completed.result().probes()).isEqualTo(result(1).probes());
    assertThat(completed.result().flags()).containsExactly("flag");
  }

  @Test
  void aRefusedUploadFailsTheAttemptAsRetryableAndTheSlotTakesTheNextCell() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    Feeder feeder = feeder();
    String wrongSha = "ab".repeat(32);
    worker((cell, context) -> cell.seed() == 12
        ? writing(Map.of("encoder.onnx", randomBytes(2000, 3)), wrongSha).run(cell, context)
        : result(7));
    ActorRef<ArtifactUpload> store = store(storeRoot);
    Cell refused = cell(12);
    Cell next = cell(13);

    feeder.send(new RunCell("s", refused, 1, reports.getRef(), store));

    reports.expectMessageClass(CellStarted.class, WAIT);
    CellFailed failed = reports.expectMessageClass(CellFailed.class, WAIT);
    assertThat(failed.cellId()).isEqualTo(refused.id());
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.reason()).startsWith("artifact upload refused: ")
        .contains("encoder.onnx").contains("sha256 mismatch").contains(wrongSha);

    feeder.send(new RunCell("s", next, 1, reports.getRef(), store));
    reports.expectMessage(WAIT, new CellStarted("s", next.id(), 1, "node-a"));
    reports.expectMessage(WAIT, new CellCompleted("s", next.id(), 1, "node-a", result(7)));
  }

  @Test
  void renewsItsLeaseWhileTheUploadWaitsAndFailsRetryableWhenNoAnswerComes() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    TestProbe<ArtifactUpload> silentStore = testKit.createTestProbe();
    Feeder feeder = feeder();
    worker(writing(Map.of("encoder.onnx", randomBytes(100, 4)), null),
        new CellWorkerSettings(Duration.ofMillis(100), Duration.ofSeconds(1)));
    Cell cell = cell(14);

    feeder.send(new RunCell("s", cell, 1, reports.getRef(), silentStore.getRef()));

    reports.expectMessageClass(CellStarted.class, WAIT);
    ArtifactUpload upload = silentStore.expectMessageClass(ArtifactUpload.class, WAIT);
    assertThat(upload.offers()).extracting(offer -> offer.artifact().path()).containsExactly(
        runs.resolve("cells").resolve(cell.id().value()).resolve("encoder.onnx").toString());
    AtomicInteger alive = new AtomicInteger();
    CellFailed failed = skippingAlive(reports, CellFailed.class, alive);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.reason()).contains("artifact upload timed out");
    assertThat(alive.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void ignoresAStoreReplyForAnotherAttempt() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    Feeder feeder = feeder();
    worker(writing(Map.of("encoder.onnx", randomBytes(100, 5)), null));
    ArtifactRef stale = new ArtifactRef("onnx", "/store/stale/encoder.onnx", 100, "00");
    ArtifactRef fresh = new ArtifactRef("onnx", "/store/fresh/encoder.onnx", 100, "11");
    // A store that first answers a late reply to an earlier attempt, then the real one.
    ActorRef<ArtifactUpload> store = testKit.spawn(Behaviors.receiveMessage(upload -> {
      upload.replyTo().tell(new ArtifactsStored(upload.cellId(), upload.attempt() - 1,
          List.of(stale), ""));
      upload.replyTo().tell(new ArtifactsStored(upload.cellId(), upload.attempt(),
          List.of(fresh), ""));
      return Behaviors.same();
    }));
    started.add(store);
    Cell cell = cell(15);

    feeder.send(new RunCell("s", cell, 2, reports.getRef(), store));

    reports.expectMessageClass(CellStarted.class, WAIT);
    assertThat(reports.expectMessageClass(CellCompleted.class, WAIT).result().artifacts())
        .containsExactly(fresh);
  }

  @Test
  void settingsComeFromTheGpuNodeSection() {
    assertThat(CellWorkerSettings.create(ConfigFactory.load())).isEqualTo(CellWorkerSettings.DEFAULTS);
    assertThat(CellWorkerSettings.create(ConfigFactory.parseString(
        "monosweep.gpu-node { lease-renewal = 250ms, upload-timeout = 90s }")
        .withFallback(ConfigFactory.load())))
        .isEqualTo(new CellWorkerSettings(Duration.ofMillis(250), Duration.ofSeconds(90)));
    assertThatThrownBy(() -> new CellWorkerSettings(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("monosweep.gpu-node.lease-renewal");
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

  /** A worker whose lease renewals never interleave with the reports a test expects. */
  private ActorRef<CellWorker.Command> worker(CellRunner runner) {
    return worker(runner, new CellWorkerSettings(Duration.ofHours(1), WAIT));
  }

  private ActorRef<CellWorker.Command> worker(CellRunner runner, CellWorkerSettings settings) {
    ActorRef<CellWorker.Command> worker =
        testKit.spawn(CellWorker.create(runner, "node-a", runs, training, settings));
    started.add(worker);
    return worker;
  }

  /** The coordinator's real artifact store, keeping files under {@code root}. */
  private ActorRef<ArtifactUpload> store(Path root) {
    ArtifactStoreSettings defaults = ArtifactStoreSettings.create(testKit.system().settings().config());
    ActorRef<ArtifactUpload> store = testKit.spawn(ArtifactStore.create(defaults.withRoot(root)));
    started.add(store);
    return store;
  }

  /**
   * A runner that writes {@code files} (name to bytes) into the cell's folder and returns them as
   * artifacts; {@code declaredSha} replaces each file's real sha256 when not null.
   */
  private static CellRunner writing(Map<String, byte[]> files, String declaredSha) {
    return (cell, context) -> {
      List<ArtifactRef> artifacts = new ArrayList<>();
      for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
        Path path = context.workDir().resolve(file.getKey());
        try {
          Files.write(path, file.getValue());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        artifacts.add(new ArtifactRef("onnx", path.toString(), file.getValue().length,
            declaredSha == null ? sha256(file.getValue()) : declaredSha));
      }
      return new CellResult(result(1).probes(), result(1).metrics(), artifacts, 1.0, 2.0,
          List.of("flag"));
    };
  }

  /** Receives reports until one of {@code type}, counting the CellAlive seen on the way. */
  private static <T extends CellReport> T skippingAlive(TestProbe<CellReport> reports,
      Class<T> type, AtomicInteger alive) {
    while (true) {
      CellReport report = reports.receiveMessage(WAIT);
      if (report instanceof CellAlive) {
        alive.incrementAndGet();
      } else {
        return type.cast(report);
      }
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
