package org.monosweep.coordinator.dispatch;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.monosweep.spec.CellId;

/**
 * The worker slots a sweep can use and what each is doing: free or holding one attempt, and
 * whether it has asked for work (its demand, a handle to send the next cell to). A slot gets a
 * cell only when it is free <em>and</em> has asked, so no slot ever holds more than one cell
 * and no cell waits behind another while a slot is idle.
 *
 * <p>Free slots are offered longest-idle first. Not thread-safe: one actor owns it.
 *
 * @param <D> the demand handle (the reference a cell is sent to)
 */
public final class SlotTable<D> {

  private final Map<String, Slot<D>> slots = new LinkedHashMap<>();
  private final Set<String> ready = new LinkedHashSet<>();
  private final Map<Holding, String> holders = new HashMap<>();

  private SlotTable() {}

  /** An empty table. */
  public static <D> SlotTable<D> create() {
    return new SlotTable<>();
  }

  /**
   * Adds a slot that has just registered.
   *
   * @param id unique among the slots ever added
   * @param label where it is, for people (its node's address)
   * @throws IllegalArgumentException if {@code id} is present
   */
  public void add(String id, String label) {
    Objects.requireNonNull(label, "label");
    if (slots.putIfAbsent(id, new Slot<>(label)) != null) {
      throw new IllegalArgumentException("slot " + id + " is already present");
    }
  }

  /**
   * Removes a slot that went away.
   *
   * @return the attempt it held, which the caller must account for; empty when it was free or
   *     unknown
   */
  public Optional<Holding> remove(String id) {
    Slot<D> slot = slots.remove(id);
    ready.remove(id);
    if (slot == null || slot.holding == null) {
      return Optional.empty();
    }
    holders.remove(slot.holding);
    return Optional.of(slot.holding);
  }

  /** The slot asks for work; {@code demand} is where its next cell goes. Unknown ids are ignored. */
  public void demand(String id, D demand) {
    Slot<D> slot = slots.get(id);
    if (slot == null) {
      return;
    }
    slot.demand = Objects.requireNonNull(demand, "demand");
    if (slot.holding == null) {
      ready.add(id);
    }
  }

  /** The longest-idle slot that is free and has asked for work. */
  public Optional<FreeSlot<D>> nextFree() {
    if (ready.isEmpty()) {
      return Optional.empty();
    }
    String id = ready.iterator().next();
    Slot<D> slot = slots.get(id);
    return Optional.of(new FreeSlot<>(id, slot.label, slot.demand));
  }

  /**
   * Records that the free slot {@code id} was sent {@code attempt} of {@code cellId}, which uses
   * up its demand.
   *
   * @throws IllegalStateException if the slot is not free with demand
   */
  public void assign(String id, CellId cellId, int attempt) {
    if (!ready.remove(id)) {
      throw new IllegalStateException("slot " + id + " is not free or has not asked for work");
    }
    Slot<D> slot = slots.get(id);
    slot.demand = null;
    slot.holding = new Holding(cellId, attempt);
    holders.put(slot.holding, id);
  }

  /**
   * The attempt ended (its final report arrived): the slot that held it is free again.
   *
   * @return the freed slot's id; empty when no slot holds that attempt
   */
  public Optional<String> release(CellId cellId, int attempt) {
    String id = holders.remove(new Holding(cellId, attempt));
    if (id == null) {
      return Optional.empty();
    }
    Slot<D> slot = slots.get(id);
    slot.holding = null;
    if (slot.demand != null) {
      ready.add(id);
    }
    return Optional.of(id);
  }

  /** The number of slots. */
  public int size() {
    return slots.size();
  }

  /** The number of slots holding an attempt. */
  public int busy() {
    return holders.size();
  }

  /**
   * An attempt a slot holds.
   *
   * @param cellId the cell
   * @param attempt the attempt
   */
  public record Holding(CellId cellId, int attempt) {}

  /**
   * A free slot that asked for work.
   *
   * @param id the slot
   * @param label where it is
   * @param demand where to send its cell
   */
  public record FreeSlot<D>(String id, String label, D demand) {}

  private static final class Slot<D> {
    final String label;
    D demand;
    Holding holding;

    Slot(String label) {
      this.label = label;
    }
  }
}
