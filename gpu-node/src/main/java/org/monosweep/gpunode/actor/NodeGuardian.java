package org.monosweep.gpunode.actor;

import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.monosweep.trainer.train.CellRunner;

/**
 * The root of a worker node: advertises the node's slots by spawning one {@link CellWorker} per
 * slot, named {@code slot-1} ... {@code slot-N}, and owns the pool their cells train on (one
 * thread per slot, so a slot always has a thread and training never runs on an actor
 * dispatcher). A worker that crashes is restarted; the pool is shut down when the guardian
 * stops. The workers' lease renewal and upload timeout come from the system's
 * {@code monosweep.gpu-node} config section ({@link CellWorkerSettings}), read once here.
 */
public final class NodeGuardian {
  private NodeGuardian() {}

  /**
   * A node with {@code slots} worker slots.
   *
   * @param runner trains and probes cells; shared by the slots, so it must be thread-safe
   * @param slots one per GPU, or one on a CPU-only machine
   * @param nodeName how reports name this node
   * @param runsDir the node's runs folder
   * @throws IllegalArgumentException if {@code slots} is less than 1
   */
  public static Behavior<Void> create(CellRunner runner, int slots, String nodeName,
      Path runsDir) {
    Objects.requireNonNull(runner, "runner");
    return create(slot -> runner, slots, nodeName, runsDir);
  }

  /**
   * A node whose slot {@code i} (1-based) runs its cells with {@code runners.apply(i)}: each
   * slot's own device and threads.
   */
  public static Behavior<Void> create(IntFunction<CellRunner> runners, int slots,
      String nodeName, Path runsDir) {
    Objects.requireNonNull(runners, "runners");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(runsDir, "runsDir");
    if (slots < 1) {
      throw new IllegalArgumentException("a node needs at least one worker slot (one per GPU, or"
          + " one on a CPU-only machine), got --slots " + slots);
    }
    return Behaviors.setup(context -> {
      CellWorkerSettings settings = CellWorkerSettings.create(context.getSystem().settings().config());
      ExecutorService training = Executors.newFixedThreadPool(slots, trainingThreads(nodeName));
      for (int i = 1; i <= slots; i++) {
        context.spawn(
            Behaviors.supervise(CellWorker.create(runners.apply(i), nodeName, runsDir, training,
                settings))
                .onFailure(SupervisorStrategy.restart()),
            "slot-" + i);
      }
      context.getLog().info("node {} offers {} worker slot(s)", nodeName, slots);
      return Behaviors.receive(Void.class)
          .onSignal(PostStop.class, signal -> shutDown(training))
          .build();
    });
  }

  private static Behavior<Void> shutDown(ExecutorService training) {
    // The workers stopped first and flagged their cells as cancelled; the runners return at their
    // next check, so the pool just stops taking work instead of interrupting them.
    training.shutdown();
    return Behaviors.same();
  }

  private static ThreadFactory trainingThreads(String nodeName) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "monosweep-training-" + nodeName + "-" + count.incrementAndGet());
      // A runner that ignores cancellation must not keep the JVM alive after shutdown.
      thread.setDaemon(true);
      return thread;
    };
  }
}
