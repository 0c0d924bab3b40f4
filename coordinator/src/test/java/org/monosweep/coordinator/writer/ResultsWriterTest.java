package org.monosweep.coordinator.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.monosweep.results.SampleCells.result;
import static org.monosweep.results.SampleCells.rotnet;
import static org.monosweep.results.SampleCells.rotnets;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.monosweep.results.SampleCells;
import org.monosweep.results.store.CellStatus;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import org.monosweep.results.store.StoreWrite;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;

class ResultsWriterTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static ActorTestKit testKit;

  private ResultStore store;

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void openStore() {
    store = ResultStores.openUrl(SampleCells.memoryUrl());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void repliesToARegistrationWithTheCellsAlreadyFinished() {
    Cell done = rotnet(0);
    Cell todo = rotnet(1);
    store.registerSweep("earlier", "e.conf", List.of(done), NOW);
    store.recordCompleted(done.id(), 1, "node-1", result(0.5), NOW);
    ActorRef<ResultsWriter.Command> writer = spawnWriter(store);
    TestProbe<ResultsWriter.SweepRegistered> registered = testKit.createTestProbe();

    writer.tell(new ResultsWriter.RegisterSweep("s", "s.conf", List.of(done, todo), registered.ref()));

    registered.expectMessage(new ResultsWriter.SweepRegistered("s", Set.of(done.id()),
        Map.of(done.id(), 1)));
    assertThat(store.cells("s")).hasSize(2);
  }

  @Test
  void registrationInterruptsCellsLeftRunningByADeadProcess() {
    Cell leftover = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(leftover), NOW);
    store.markStarted(leftover.id(), 1, "node-1", NOW);
    ActorRef<ResultsWriter.Command> writer = spawnWriter(store);
    TestProbe<ResultsWriter.SweepRegistered> registered = testKit.createTestProbe();

    writer.tell(new ResultsWriter.RegisterSweep("s", "s.conf", List.of(leftover), registered.ref()));

    registered.expectMessage(new ResultsWriter.SweepRegistered("s", Set.of(),
        Map.of(leftover.id(), 1)));
    assertThat(status(leftover.id())).isEqualTo(CellStatus.INTERRUPTED);
  }

  @Test
  void aRecordedCompletionIsDoneOnceFlushed() {
    Cell cell = rotnet(0);
    ActorRef<ResultsWriter.Command> writer = spawnWriter(store);
    register(writer, List.of(cell));

    writer.tell(new ResultsWriter.RecordStarted("s", cell.id(), 1, "node-1"));
    writer.tell(new ResultsWriter.RecordCompleted("s", cell.id(), 1, "node-1", result(0.61, 0.55)));
    flush(writer);

    assertThat(status(cell.id())).isEqualTo(CellStatus.DONE);
    assertThat(store.cell(cell.id()).orElseThrow().state().startedAt()).isEqualTo(NOW);
    assertThat(store.probes(cell.id())).hasSize(2);
    assertThat(store.finishedCells("s")).containsExactly(cell.id());
  }

  @Test
  void recordsFailuresAndInterruptions() {
    Cell failed = rotnet(0);
    Cell interrupted = rotnet(1);
    ActorRef<ResultsWriter.Command> writer = spawnWriter(store);
    register(writer, List.of(failed, interrupted));

    writer.tell(new ResultsWriter.RecordStarted("s", failed.id(), 1, "node-1"));
    writer.tell(new ResultsWriter.RecordFailed("s", failed.id(), 1, "node-1", "diverged", true));
    writer.tell(new ResultsWriter.RecordStarted("s", interrupted.id(), 1, "node-1"));
    writer.tell(new ResultsWriter.RecordInterrupted("s", interrupted.id(), 1));
    flush(writer);

    assertThat(status(failed.id())).isEqualTo(CellStatus.FAILED);
    assertThat(store.cell(failed.id()).orElseThrow().state().failureReason()).isEqualTo("diverged");
    assertThat(status(interrupted.id())).isEqualTo(CellStatus.INTERRUPTED);
  }

  @Test
  void aFlushWithNothingToWriteIsAnsweredAtOnce() {
    ActorRef<ResultsWriter.Command> writer = spawnWriter(store);

    flush(writer);
  }

  @Test
  void writesThatArriveDuringAFlushShareTheNextTransaction() {
    List<Cell> cells = rotnets(50);
    GatedStore gated = new GatedStore(store);
    ActorRef<ResultsWriter.Command> writer = spawnWriter(gated);
    TestProbe<ResultsWriter.SweepRegistered> registered = testKit.createTestProbe();
    TestProbe<ResultsWriter.Flushed> flushed = testKit.createTestProbe();

    // The registration's transaction waits at the gate while everything below queues up.
    writer.tell(new ResultsWriter.RegisterSweep("s", "s.conf", cells, registered.ref()));
    for (Cell cell : cells) {
      writer.tell(new ResultsWriter.RecordStarted("s", cell.id(), 1, "node-1"));
      writer.tell(new ResultsWriter.RecordCompleted("s", cell.id(), 1, "node-1", result(0.5)));
    }
    writer.tell(new ResultsWriter.Flush(flushed.ref()));
    // Every tell above is in the mailbox before the gate opens, so the finished registration
    // comes back behind all of them and the writer sees the whole queue at once.
    gated.open();

    registered.expectMessage(new ResultsWriter.SweepRegistered("s", Set.of()));
    flushed.expectMessage(ResultsWriter.Flushed.INSTANCE);
    assertThat(gated.batchSizes()).containsExactly(2, 100);
    assertThat(store.finishedCells("s")).hasSize(50);
  }

  @Test
  void aBatchIsCutAtTheConfiguredSize() {
    List<Cell> cells = rotnets(5);
    GatedStore gated = new GatedStore(store);
    ActorRef<ResultsWriter.Command> writer = testKit.spawn(
        ResultsWriter.create(gated, new ResultsWriterSettings(4, ResultsWriterSettings.DEFAULTS.dispatcher()), CLOCK));
    TestProbe<ResultsWriter.SweepRegistered> registered = testKit.createTestProbe();

    writer.tell(new ResultsWriter.RegisterSweep("s", "s.conf", cells, registered.ref()));
    cells.forEach(cell -> writer.tell(new ResultsWriter.RecordStarted("s", cell.id(), 1, "node-1")));
    gated.open();
    registered.expectMessage(new ResultsWriter.SweepRegistered("s", Set.of()));
    flush(writer);

    assertThat(gated.batchSizes()).containsExactly(2, 4, 1);
    assertThat(store.sweep("s").orElseThrow().counts().running()).isEqualTo(5);
  }

  @Test
  void aWriteThatFailsTwiceIsLoggedAndTheRestOfItsBatchIsKept() {
    Cell bad = rotnet(0);
    Cell good = rotnet(1);
    GatedStore gated = new GatedStore(store);
    gated.open();
    ActorRef<ResultsWriter.Command> writer = spawnWriter(gated);
    register(writer, List.of(bad, good));
    TestProbe<ResultsWriter.Flushed> flushed = testKit.createTestProbe();

    LoggingTestKit.error("failed twice and is dropped").withMessageContains(bad.id().value())
        .expect(testKit.system(), () -> {
          // 1.5 is no accuracy: the schema refuses it, and the retry cannot do better.
          writer.tell(new ResultsWriter.RecordCompleted("s", bad.id(), 1, "node-1", result(0.5, 1.5)));
          writer.tell(new ResultsWriter.RecordCompleted("s", good.id(), 1, "node-1", result(0.7)));
          writer.tell(new ResultsWriter.Flush(flushed.ref()));
          return flushed.expectMessage(ResultsWriter.Flushed.INSTANCE);
        });

    assertThat(status(good.id())).isEqualTo(CellStatus.DONE);
    assertThat(status(bad.id())).isEqualTo(CellStatus.PENDING);
    assertThat(store.probes(bad.id())).isEmpty();
    assertThat(gated.batchesWith(StoreWrite.CellCompletion.class, bad.id())).isEqualTo(2);
  }

  @Test
  void aBatchThatCannotCommitIsRetriedOnce() {
    Cell cell = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(cell), NOW);
    GatedStore gated = new GatedStore(store);
    gated.open();
    gated.failNextBatch();
    ActorRef<ResultsWriter.Command> writer = spawnWriter(gated);

    LoggingTestKit.warn("failed to commit; retried it once").expect(testKit.system(), () -> {
      writer.tell(new ResultsWriter.RecordStarted("s", cell.id(), 1, "node-1"));
      writer.tell(new ResultsWriter.RecordCompleted("s", cell.id(), 1, "node-1", result(0.6)));
      flush(writer);
      return null;
    });

    assertThat(status(cell.id())).isEqualTo(CellStatus.DONE);
    assertThat(store.cell(cell.id()).orElseThrow().state().attempts()).isEqualTo(1);
  }

  private ActorRef<ResultsWriter.Command> spawnWriter(ResultStore target) {
    return testKit.spawn(ResultsWriter.create(target, ResultsWriterSettings.DEFAULTS, CLOCK));
  }

  private void register(ActorRef<ResultsWriter.Command> writer, List<Cell> cells) {
    TestProbe<ResultsWriter.SweepRegistered> registered = testKit.createTestProbe();
    writer.tell(new ResultsWriter.RegisterSweep("s", "s.conf", cells, registered.ref()));
    registered.expectMessage(new ResultsWriter.SweepRegistered("s", Set.of()));
  }

  private void flush(ActorRef<ResultsWriter.Command> writer) {
    TestProbe<ResultsWriter.Flushed> flushed = testKit.createTestProbe();
    writer.tell(new ResultsWriter.Flush(flushed.ref()));
    flushed.expectMessage(ResultsWriter.Flushed.INSTANCE);
  }

  private CellStatus status(CellId id) {
    return store.cell(id).orElseThrow().state().status();
  }
}
