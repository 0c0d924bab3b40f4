package org.monosweep.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.monosweep.coordinator.dispatch.SlotTable.FreeSlot;
import org.monosweep.coordinator.dispatch.SlotTable.Holding;
import org.monosweep.spec.CellId;

class SlotTableTest {
  private static final CellId A = CellId.ofCanonical("a");
  private static final CellId B = CellId.ofCanonical("b");

  @Test
  void aSlotIsOfferedOnlyOnceItAskedForWork() {
    SlotTable<String> table = SlotTable.create();
    table.add("s1", "node-1");
    assertThat(table.nextFree()).isEmpty();
    table.demand("s1", "send-here");
    assertThat(table.nextFree()).contains(new FreeSlot<>("s1", "node-1", "send-here"));
  }

  @Test
  void aBusySlotIsNotOfferedEvenWithDemandUntilItsAttemptEnds() {
    SlotTable<String> table = SlotTable.create();
    table.add("s1", "node-1");
    table.demand("s1", "d1");
    table.assign("s1", A, 1);
    table.demand("s1", "d2"); // the transport already has room for another message
    assertThat(table.nextFree()).isEmpty();
    assertThat(table.busy()).isEqualTo(1);
    assertThat(table.release(A, 2)).as("another attempt").isEmpty();
    assertThat(table.release(A, 1)).contains("s1");
    assertThat(table.nextFree()).contains(new FreeSlot<>("s1", "node-1", "d2"));
  }

  @Test
  void freeSlotsAreOfferedLongestIdleFirst() {
    SlotTable<String> table = SlotTable.create();
    table.add("s1", "n");
    table.add("s2", "n");
    table.demand("s2", "d2");
    table.demand("s1", "d1");
    assertThat(table.nextFree().map(FreeSlot::id)).contains("s2");
    table.assign("s2", A, 1);
    assertThat(table.nextFree().map(FreeSlot::id)).contains("s1");
  }

  @Test
  void removingABusySlotHandsBackTheAttemptItHeld() {
    SlotTable<String> table = SlotTable.create();
    table.add("s1", "n");
    table.add("s2", "n");
    table.demand("s1", "d1");
    table.assign("s1", B, 2);
    assertThat(table.remove("s1")).contains(new Holding(B, 2));
    assertThat(table.remove("s2")).isEmpty();
    assertThat(table.release(B, 2)).isEmpty();
    assertThat(table.size()).isZero();
    table.demand("s1", "late demand of a removed slot");
    assertThat(table.nextFree()).isEmpty();
  }

  @Test
  void refusesToAssignASlotThatDidNotAsk() {
    SlotTable<String> table = SlotTable.create();
    table.add("s1", "n");
    assertThatThrownBy(() -> table.assign("s1", A, 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> table.add("s1", "n")).hasMessageContaining("already present");
  }
}
