package org.monosweep.gpunode.process;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * How a node runs its cells in processes of their own, read once from
 * {@code monosweep.gpu-node.cell-process}.
 *
 * @param enabled run every cell in a child process (off: in the node's JVM)
 * @param jvmOptions options of each child JVM, such as its heap
 * @param silence how long a child may write nothing before it is killed
 * @param stopGrace how long a child may take to stop once asked
 * @param threads intra-op threads of each child's engine; 0 leaves the engine's default
 */
public record CellProcessSettings(boolean enabled, List<String> jvmOptions, Duration silence,
    Duration stopGrace, int threads) {

  public CellProcessSettings {
    jvmOptions = List.copyOf(jvmOptions);
    if (silence.isNegative() || silence.isZero() || stopGrace.isNegative() || threads < 0) {
      throw new IllegalArgumentException("monosweep.gpu-node.cell-process: silence and"
          + " stop-grace must be positive and threads at least 0");
    }
  }

  /** Reads {@code monosweep.gpu-node.cell-process}. */
  public static CellProcessSettings create(Config config) {
    Config c = config.getConfig("monosweep.gpu-node.cell-process");
    return new CellProcessSettings(c.getBoolean("enabled"), c.getStringList("jvm-options"),
        c.getDuration("silence"), c.getDuration("stop-grace"), c.getInt("threads"));
  }
}
