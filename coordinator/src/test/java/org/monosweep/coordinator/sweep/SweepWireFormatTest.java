package org.monosweep.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.SerializationTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.monosweep.coordinator.dispatch.CellStatus;
import org.monosweep.coordinator.testing.TestCells;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.CellId;

/** The coordinator's public messages and events travel as CBOR (a listener may be remote). */
class SweepWireFormatTest {
  private static ActorTestKit testKit;
  private static SerializationTestKit serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
    serialization = new SerializationTestKit(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void everySweepEventAndTheInterruptProtocolRoundTrip() {
    CellId id = TestCells.cell(1).id();
    List<Object> messages = List.of(
        new SweepEvent.SweepStarted("s", 3, 1),
        new SweepEvent.CellStateChanged("s", id, "rotnet N=1 all seed=1", CellStatus.PENDING, 2,
            "gpu-1", "NaN loss"),
        new SweepEvent.CellProgressed("s", id, "label", "gpu-1", "probe:conv2", 3, 36, 0.25, 812.5),
        new SweepEvent.CellFinished("s", id, "label", CellStatus.DONE, 1, "gpu-1",
            Duration.ofMillis(61_500), "", List.of(new CellResult.ProbeAccuracy("conv1", 0.7, 36, 64))),
        new SweepEvent.SweepProgressed("s", 1, 0, 2, 3, Optional.of(Duration.ofMinutes(3))),
        new SweepEvent.SweepProgressed("s", 0, 0, 2, 3, Optional.empty()),
        new SweepEvent.SweepFinished("s", 2, 1, 3),
        new SweepEvent.SweepInterrupted("s", 1, 0, 2, 3),
        new SweepCoordinator.Interrupt(testKit.<SweepCoordinator.Interrupted>createTestProbe().getRef()),
        new SweepCoordinator.Interrupted("s", 2));
    for (Object message : messages) {
      assertThat(serialization.verifySerialization(message, true)).isEqualTo(message);
    }
  }
}
