package org.monosweep.gpunode.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How a node divides its machine into worker slots: one per listed GPU, each of whose cell
 * processes sees only that GPU ({@code CUDA_VISIBLE_DEVICES}), or N CPU slots, each of whose
 * cell processes uses T intra-op threads.
 *
 * @param slots the slots, numbered from 1
 */
public record SlotLayout(List<Slot> slots) {

  public SlotLayout {
    slots = List.copyOf(slots);
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("a node needs at least one worker slot");
    }
  }

  /**
   * One worker slot.
   *
   * @param number 1-based
   * @param gpu the GPU its cells train on; empty for a CPU slot
   * @param threads intra-op threads of its cell processes; 0 leaves the engine's default
   */
  public record Slot(int number, OptionalInt gpu, int threads) {
    public Slot {
      if (number < 1 || threads < 0) {
        throw new IllegalArgumentException("slot " + number + " with " + threads + " threads");
      }
    }

    /** What its cell processes get in their environment besides the node's. */
    public Map<String, String> environment() {
      Map<String, String> environment = new HashMap<>();
      gpu.ifPresent(g -> environment.put("CUDA_VISIBLE_DEVICES", Integer.toString(g)));
      if (threads > 0) {
        environment.put("OMP_NUM_THREADS", Integer.toString(threads));
      }
      return environment;
    }
  }

  /** One slot per GPU of {@code gpus}, in that order, each with {@code threads} threads. */
  public static SlotLayout gpus(List<Integer> gpus, int threads) {
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < gpus.size(); i++) {
      slots.add(new Slot(i + 1, OptionalInt.of(gpus.get(i)), threads));
    }
    return new SlotLayout(slots);
  }

  /** {@code count} CPU slots of {@code threads} threads each. */
  public static SlotLayout cpu(int count, int threads) {
    List<Slot> slots = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      slots.add(new Slot(i, OptionalInt.empty(), threads));
    }
    return new SlotLayout(slots);
  }

  /** The number of slots. */
  public int size() {
    return slots.size();
  }

  /** Slot {@code number} (1-based). */
  public Slot slot(int number) {
    return slots.get(number - 1);
  }

  /** "2 slots on GPUs 0, 3" or "2 CPU slots of 1 thread", for the terminal. */
  public String describe() {
    Slot first = slots.get(0);
    String count = slots.size() + (slots.size() == 1 ? " slot" : " slots");
    if (first.gpu().isPresent()) {
      List<String> gpus = new ArrayList<>();
      slots.forEach(s -> gpus.add(Integer.toString(s.gpu().getAsInt())));
      return count + " on GPU" + (gpus.size() == 1 ? " " : "s ") + String.join(", ", gpus);
    }
    return count.replace("slot", "CPU slot") + (first.threads() == 0 ? ""
        : " of " + first.threads() + (first.threads() == 1 ? " thread" : " threads"));
  }
}
