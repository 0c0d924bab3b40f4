package org.monosweep.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.monosweep.gpunode.process.GpuInventory;
import org.monosweep.gpunode.process.SlotLayout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How {@code run} and {@code node} divide this machine into worker slots: one per GPU
 * ({@code --gpus}), or {@code --slots N} CPU slots of {@code --threads-per-slot T} threads.
 * Every slot trains one cell at a time in a process of its own.
 */
final class SlotOptions {
  /** Memory {@code --slots auto} sets aside per CPU slot: a cell process's heap and engine. */
  static final long AUTO_MEMORY_PER_SLOT_GIB = 8;
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--slots", defaultValue = "1", paramLabel = "N|auto",
      description = "worker slots: N CPU slots, or auto (one per GPU found, else one of one"
          + " thread per core while memory allows) (default: ${DEFAULT-VALUE})")
  String slots;

  @Option(names = "--gpus", paramLabel = "all|LIST",
      description = "one slot per GPU, all of them or those listed (0,2,3); each slot's cells see"
          + " only their GPU (CUDA_VISIBLE_DEVICES)")
  String gpus;

  @Option(names = "--threads-per-slot", paramLabel = "T",
      description = "intra-op threads of each slot's cell process (default: the cores divided"
          + " among the slots; the engine's default for one slot)")
  Integer threadsPerSlot;

  /**
   * The layout these options ask for on this machine.
   *
   * @throws ParameterException for a value that is malformed or names a GPU that is not there
   */
  SlotLayout layout(Config config) {
    if (threadsPerSlot != null && threadsPerSlot < 1) {
      throw bad("--threads-per-slot " + threadsPerSlot + ": write 1 or more");
    }
    int threads = threadsPerSlot == null ? 0 : threadsPerSlot;
    if (gpus != null) {
      if (!slots.equals("1") && !slots.equals("auto")) {
        throw bad("--slots " + slots + " with --gpus: --gpus gives one slot per GPU; drop --slots");
      }
      return SlotLayout.gpus(requestedGpus(GpuInventory.detect(config)), threads);
    }
    if (slots.equals("auto")) {
      return auto(config, threads);
    }
    int count;
    try {
      count = Integer.parseInt(slots);
    } catch (NumberFormatException e) {
      throw bad("--slots " + slots + ": write a number of slots, or auto");
    }
    if (count < 1) {
      throw bad("--slots " + count + ": a node needs at least one worker slot");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return SlotLayout.cpu(count, threadsPerSlot != null ? threads
        : count == 1 ? 0 : Math.max(1, cores / count));
  }

  /**
   * What {@code --slots auto} chooses: one slot per GPU found; on a CPU machine one slot of one
   * thread per core, as many as fit {@link #AUTO_MEMORY_PER_SLOT_GIB} GiB of memory each, the
   * cores shared among them. Measured with 4 small RotNet cells on 2 cores: 2 slots of 1 thread
   * took 69.5-69.7 s, 1 slot of 2 threads 74.6-80.0 s.
   *
   * @param threads intra-op threads per GPU slot, 0 for the engine's default
   */
  static SlotLayout auto(Config config, int threads) {
    List<Integer> found = GpuInventory.detect(config);
    if (!found.isEmpty()) {
      return SlotLayout.gpus(found, threads);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    long memoryGib = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize() >> 30;
    int slots = (int) Math.max(1, Math.min(cores, memoryGib / AUTO_MEMORY_PER_SLOT_GIB));
    return SlotLayout.cpu(slots, threads > 0 ? threads : Math.max(1, cores / slots));
  }

  private List<Integer> requestedGpus(List<Integer> found) {
    String have = found.isEmpty() ? "this machine has none (nvidia-smi lists no GPU; name them"
        + " in monosweep.gpu-node.gpus if it is not on the path)"
        : "this machine has " + join(found);
    if (gpus.equals("all")) {
      if (found.isEmpty()) {
        throw bad("--gpus all: " + have + "; on a CPU machine use --slots N");
      }
      return found;
    }
    List<Integer> wanted = new ArrayList<>();
    for (String part : gpus.split(",")) {
      int gpu;
      try {
        gpu = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        throw bad("--gpus " + gpus + ": write all, or GPU indices such as 0,2,3");
      }
      if (!found.contains(gpu)) {
        throw bad("--gpus " + gpus + ": GPU " + gpu + " is not there; " + have);
      }
      if (wanted.contains(gpu)) {
        throw bad("--gpus " + gpus + ": GPU " + gpu + " is listed twice");
      }
      wanted.add(gpu);
    }
    return wanted;
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String join(List<Integer> values) {
    List<String> text = new ArrayList<>();
    values.forEach(v -> text.add(Integer.toString(v)));
    return String.join(", ", text);
  }
}
