package org.monosweep.gpunode.process;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The GPUs a node can give its slots: what {@code nvidia-smi} lists, or the list configured in
 * {@code monosweep.gpu-node.gpus} (for machines without nvidia-smi on the path, and for tests).
 */
public final class GpuInventory {
  private static final long NVIDIA_SMI_SECONDS = 10;

  private GpuInventory() {}

  /**
   * The GPU indices of this machine: {@code monosweep.gpu-node.gpus} when it is a list, else
   * (when it is {@code auto}) those {@code nvidia-smi} reports; empty when there is none.
   */
  public static List<Integer> detect(Config config) {
    String key = "monosweep.gpu-node.gpus";
    if (config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.LIST) {
      return List.copyOf(config.getIntList(key));
    }
    return nvidiaSmi();
  }

  private static List<Integer> nvidiaSmi() {
    Process process;
    try {
      process = new ProcessBuilder("nvidia-smi", "--query-gpu=index", "--format=csv,noheader")
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      return List.of(); // no nvidia-smi: no NVIDIA GPU to use
    }
    try {
      if (!process.waitFor(NVIDIA_SMI_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return List.of();
      }
      List<Integer> gpus = new ArrayList<>();
      for (String line : new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8).split("\n")) {
        if (line.strip().matches("[0-9]+")) {
          gpus.add(Integer.parseInt(line.strip()));
        }
      }
      return List.copyOf(gpus);
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
