package org.monosweep.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.monosweep.coordinator.dispatch.CellStatus;
import org.monosweep.coordinator.sweep.SweepEvent.CellFinished;
import org.monosweep.coordinator.sweep.SweepEvent.CellStateChanged;
import org.monosweep.coordinator.sweep.SweepEvent.SweepFinished;
import org.monosweep.coordinator.sweep.SweepEvent.SweepInterrupted;
import org.monosweep.coordinator.sweep.SweepEvent.SweepStarted;
import org.monosweep.coordinator.testing.ScriptedSlot.Complete;
import org.monosweep.coordinator.testing.ScriptedSlot.Fail;
import org.monosweep.coordinator.testing.ScriptedSlot.Hold;
import org.monosweep.coordinator.testing.ScriptedSlot.Outcome;
import org.monosweep.coordinator.testing.ScriptedSlot;
import org.monosweep.coordinator.testing.TestCells;
import org.monosweep.coordinator.writer.ResultsWriter.Flush;
import org.monosweep.coordinator.writer.ResultsWriter.RecordCompleted;
import org.monosweep.coordinator.writer.ResultsWriter.RecordFailed;
import org.monosweep.coordinator.writer.ResultsWriter.RecordInterrupted;
import org.monosweep.coordinator.writer.ResultsWriter.RecordStarted;
import org.monosweep.coordinator.writer.ResultsWriter.RegisterSweep;
import org.monosweep.coordinator.writer.ResultsWriter;
import org.monosweep.protocol.CellResult;
import org.monosweep.protocol.RunCell;
import org.monosweep.protocol.ServiceKeys;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;
import org.monosweep.spec.SweepSpec;

/**
 * The coordinator in one ActorSystem, worker slots in another, joined into a cluster over
 * loopback TCP: every RunCell and report crosses the wire through its serializer. The results
 * writer is a probe that answers RegisterSweep and Flush itself.
 */
class SweepCoordinatorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static ActorTestKit coordinatorSide;
  private static ActorTestKit workerSide;
  private static CoordinatorSettings settings;
  private final List<ActorRef<ScriptedSlot.Command>> slots = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    Config config = ConfigFactory.parseResources("cluster-test.conf").withFallback(ConfigFactory.load());
    coordinatorSide = ActorTestKit.create("monosweep", config);
    workerSide = ActorTestKit.create("monosweep", config);
    Address seed = Cluster.get(coordinatorSide.system()).selfMember().address();
    Cluster.get(coordinatorSide.system()).manager().tell(new Join(seed));
    Cluster.get(workerSide.system()).manager().tell(new Join(seed));
    TestProbe<Object> probe = coordinatorSide.createTestProbe();
    for (ActorTestKit kit : List.of(coordinatorSide, workerSide)) {
      probe.awaitAssert(WAIT, () -> {
        assertThat(StreamSupport.stream(Cluster.get(kit.system()).state().getMembers().spliterator(), false)
            .filter(m -> m.status() == MemberStatus.up()).count()).isEqualTo(2);
        return null;
      });
    }
    settings = CoordinatorSettings.create(coordinatorSide.system());
  }

  @AfterAll
  static void stopCluster() {
    workerSide.shutdownTestKit();
    coordinatorSide.shutdownTestKit();
  }

  @AfterEach
  void stopSlots() {
    slots.forEach(workerSide::stop);
    slots.clear();
    // The next test's coordinator must not see this test's slots.
    TestProbe<Receptionist.Listing> listings = coordinatorSide.createTestProbe();
    listings.awaitAssert(WAIT, () -> {
      coordinatorSide.system().receptionist()
          .tell(Receptionist.find(ServiceKeys.CELL_WORKERS, listings.getRef()));
      assertThat(listings.receiveMessage().getAllServiceInstances(ServiceKeys.CELL_WORKERS)).isEmpty();
      return null;
    });
  }

  @Test
  void threeCellsRunToSweepFinishedAndEachResultIsRecordedOnce() {
    SweepSpec spec = TestCells.sweep("three", 3);
    slot("node-b1", run -> new Complete());
    slot("node-b2", run -> new Complete());
    Run run = start(spec, Set.of());

    List<ResultsWriter.Command> writes = writesUntilFlush(run.writer());
    assertThat(writes).filteredOn(RecordCompleted.class::isInstance).hasSize(3)
        .map(w -> ((RecordCompleted) w).cellId()).containsExactlyInAnyOrderElementsOf(ids(spec));
    assertThat(writes).filteredOn(RecordCompleted.class::isInstance)
        .allSatisfy(w -> {
          RecordCompleted c = (RecordCompleted) w;
          assertThat(c.attempt()).isEqualTo(1);
          assertThat(c.node()).startsWith("node-b");
          assertThat(c.result().probes()).hasSize(1);
        });
    assertThat(writes).filteredOn(RecordStarted.class::isInstance).hasSize(3);
    assertThat(writes).noneMatch(RecordFailed.class::isInstance);

    List<SweepEvent> events = eventsUntil(run.events(), SweepFinished.class);
    assertThat(events.get(0)).isEqualTo(new SweepStarted("three", 3, 0));
    assertThat(events).filteredOn(CellFinished.class::isInstance).hasSize(3)
        .allMatch(e -> ((CellFinished) e).status() == CellStatus.DONE);
    assertThat(events.get(events.size() - 1)).isEqualTo(new SweepFinished("three", 3, 0, 3));
    run.writer().expectTerminated(run.coordinator(), WAIT);
  }

  @Test
  void aSlotGetsItsNextCellOnlyAfterReportingTheLast() {
    SweepSpec spec = TestCells.sweep("one-slot", 3);
    slot("node-b", run -> new Complete());
    Run run = start(spec, Set.of());
    writesUntilFlush(run.writer());

    List<SweepEvent> events = eventsUntil(run.events(), SweepFinished.class);
    List<String> lifecycle = events.stream()
        .filter(e -> e instanceof CellFinished
            || e instanceof CellStateChanged s && s.status() == CellStatus.ASSIGNED)
        .map(e -> e instanceof CellFinished ? "finished" : "assigned")
        .toList();
    assertThat(lifecycle).containsExactly(
        "assigned", "finished", "assigned", "finished", "assigned", "finished");
  }

  @Test
  void aResumedSweepRunsOnlyTheCellsNotYetDone() {
    SweepSpec spec = TestCells.sweep("resumed", 3);
    List<CellId> ids = ids(spec);
    slot("node-b", run -> new Complete());
    Run run = start(spec, Set.of(ids.get(0), ids.get(1)));

    List<ResultsWriter.Command> writes = writesUntilFlush(run.writer());
    assertThat(writes).filteredOn(RecordStarted.class::isInstance)
        .map(w -> ((RecordStarted) w).cellId()).containsExactly(ids.get(2));
    assertThat(writes).filteredOn(RecordCompleted.class::isInstance)
        .map(w -> ((RecordCompleted) w).cellId()).containsExactly(ids.get(2));

    List<SweepEvent> events = eventsUntil(run.events(), SweepFinished.class);
    assertThat(events.get(0)).isEqualTo(new SweepStarted("resumed", 3, 2));
    assertThat(events.get(events.size() - 1)).isEqualTo(new SweepFinished("resumed", 3, 0, 3));
  }

  @Test
  void aCellThatFailsTwiceThenSucceedsIsDoneWithAttemptThree() {
    SweepSpec spec = TestCells.sweep("flaky", 1);
    CellId cell = ids(spec).get(0);
    slot("node-b", run -> run.attempt() < 3 ? new Fail("CUDA hiccup", true) : new Complete());
    Run run = start(spec, Set.of());

    List<ResultsWriter.Command> writes = writesUntilFlush(run.writer());
    assertThat(writes).filteredOn(w -> !(w instanceof RecordStarted)).containsExactly(
        new RecordFailed("flaky", cell, 1, "node-b", "CUDA hiccup", false),
        new RecordFailed("flaky", cell, 2, "node-b", "CUDA hiccup", false),
        new RecordCompleted("flaky", cell, 3, "node-b", resultOf(spec, 0)));
    List<SweepEvent> events = eventsUntil(run.events(), SweepFinished.class);
    assertThat(events).filteredOn(CellFinished.class::isInstance).singleElement()
        .satisfies(e -> {
          assertThat(((CellFinished) e).status()).isEqualTo(CellStatus.DONE);
          assertThat(((CellFinished) e).attempt()).isEqualTo(3);
        });
    assertThat(events.get(events.size() - 1)).isEqualTo(new SweepFinished("flaky", 1, 0, 1));
  }

  @Test
  void aCellThatAlwaysFailsIsFailedAfterMaxAttemptsAndTheSweepStillFinishes() {
    SweepSpec spec = TestCells.sweep("doomed", 2);
    CellId bad = ids(spec).get(0);
    slot("node-b", run -> run.cell().id().equals(bad) ? new Fail("loss is NaN", true) : new Complete());
    Run run = start(spec, Set.of());

    List<ResultsWriter.Command> writes = writesUntilFlush(run.writer());
    assertThat(writes).filteredOn(RecordFailed.class::isInstance).containsExactly(
        new RecordFailed("doomed", bad, 1, "node-b", "loss is NaN", false),
        new RecordFailed("doomed", bad, 2, "node-b", "loss is NaN", false),
        new RecordFailed("doomed", bad, 3, "node-b", "loss is NaN (attempt 3 of 3)", true));
    assertThat(writes).filteredOn(RecordCompleted.class::isInstance).hasSize(1);
    List<SweepEvent> events = eventsUntil(run.events(), SweepFinished.class);
    assertThat(events).filteredOn(e -> e instanceof CellFinished f && f.status() == CellStatus.FAILED)
        .singleElement().satisfies(e -> assertThat(((CellFinished) e).reason())
            .isEqualTo("loss is NaN (attempt 3 of 3)"));
    assertThat(events.get(events.size() - 1)).isEqualTo(new SweepFinished("doomed", 1, 1, 2));
  }

  @Test
  void aCellWhoseSlotGoesAwayRunsAgainElsewhereAsANewAttempt() {
    SweepSpec spec = TestCells.sweep("lost-slot", 1);
    CellId cell = ids(spec).get(0);
    ActorRef<ScriptedSlot.Command> stuck = slot("node-stuck", run -> new Hold());
    Run run = start(spec, Set.of());
    assertThat(run.writer().expectMessageClass(RecordStarted.class, WAIT))
        .isEqualTo(new RecordStarted("lost-slot", cell, 1, "node-stuck"));
    slot("node-good", r -> new Complete());
    workerSide.stop(stuck);
    slots.remove(stuck);

    List<ResultsWriter.Command> writes = writesUntilFlush(run.writer());
    assertThat(writes).filteredOn(w -> !(w instanceof RecordStarted)).satisfiesExactly(
        w -> assertThat(w).isInstanceOfSatisfying(RecordFailed.class, f -> {
          assertThat(f.attempt()).isEqualTo(1);
          assertThat(f.finalFailure()).isFalse();
          assertThat(f.reason()).contains("went away");
        }),
        w -> assertThat(w).isEqualTo(
            new RecordCompleted("lost-slot", cell, 2, "node-good", resultOf(spec, 0))));
  }

  @Test
  void interruptRecordsTheRunningCellsFlushesAndReplies() {
    SweepSpec spec = TestCells.sweep("stopped", 2);
    CellId first = ids(spec).get(0);
    slot("node-b", run -> new Hold());
    Run run = start(spec, Set.of());
    assertThat(run.writer().expectMessageClass(RecordStarted.class, WAIT).cellId()).isEqualTo(first);

    TestProbe<SweepCoordinator.Interrupted> replies = coordinatorSide.createTestProbe();
    run.coordinator().tell(new SweepCoordinator.Interrupt(replies.getRef()));
    List<ResultsWriter.Command> writes = writesUntilFlush(run.writer());
    assertThat(writes).containsExactly(new RecordInterrupted("stopped", first, 1));
    replies.expectMessage(WAIT, new SweepCoordinator.Interrupted("stopped", 1));
    List<SweepEvent> events = eventsUntil(run.events(), SweepInterrupted.class);
    assertThat(events.get(events.size() - 1)).isEqualTo(new SweepInterrupted("stopped", 0, 0, 1, 2));
    replies.expectTerminated(run.coordinator(), WAIT);
  }

  // --- helpers

  private record Run(ActorRef<SweepCoordinator.Command> coordinator,
      TestProbe<ResultsWriter.Command> writer, TestProbe<SweepEvent> events) {}

  private ActorRef<ScriptedSlot.Command> slot(String node, Function<RunCell, Outcome> script) {
    ActorRef<ScriptedSlot.Command> slot = workerSide.spawn(ScriptedSlot.create(node, script));
    slots.add(slot);
    return slot;
  }

  /** Spawns the coordinator and answers its RegisterSweep with {@code alreadyDone}. */
  private static Run start(SweepSpec spec, Set<CellId> alreadyDone) {
    TestProbe<ResultsWriter.Command> writer = coordinatorSide.createTestProbe();
    TestProbe<SweepEvent> events = coordinatorSide.createTestProbe();
    ActorRef<SweepCoordinator.Command> coordinator = coordinatorSide.spawn(
        SweepCoordinator.create(spec, writer.getRef(), settings, events.getRef()));
    RegisterSweep register = writer.expectMessageClass(RegisterSweep.class, WAIT);
    assertThat(register.sweep()).isEqualTo(spec.name());
    assertThat(register.origin()).isEqualTo(spec.origin());
    assertThat(register.cells()).isEqualTo(spec.cells());
    register.replyTo().tell(new ResultsWriter.SweepRegistered(spec.name(), alreadyDone));
    return new Run(coordinator, writer, events);
  }

  /** The writer's commands before the next Flush, which it then answers. */
  private static List<ResultsWriter.Command> writesUntilFlush(TestProbe<ResultsWriter.Command> writer) {
    List<ResultsWriter.Command> seen = new ArrayList<>();
    writer.fishForMessage(WAIT, command -> {
      seen.add(command);
      return command instanceof Flush ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
    });
    Flush flush = (Flush) seen.remove(seen.size() - 1);
    flush.replyTo().tell(ResultsWriter.Flushed.INSTANCE);
    return seen;
  }

  /** The events up to and including the first of type {@code last}. */
  private static List<SweepEvent> eventsUntil(TestProbe<SweepEvent> events,
      Class<? extends SweepEvent> last) {
    List<SweepEvent> seen = new ArrayList<>();
    events.fishForMessage(WAIT, event -> {
      seen.add(event);
      return last.isInstance(event) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
    });
    return seen;
  }

  private static List<CellId> ids(SweepSpec spec) {
    return spec.cells().stream().map(Cell::id).toList();
  }

  private static CellResult resultOf(SweepSpec spec, int cell) {
    return ScriptedSlot.resultFor(spec.cells().get(cell));
  }
}
