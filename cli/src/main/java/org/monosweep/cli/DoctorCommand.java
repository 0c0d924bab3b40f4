package org.monosweep.cli;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import com.sun.management.OperatingSystemMXBean;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.monosweep.gpunode.process.GpuInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code monosweep doctor}: what this machine offers a node, and what {@code --slots auto}
 * would make of it. Loads the engine and ONNX Runtime, so a broken native set-up shows here
 * first.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Show the engine, build, GPUs, ONNX Runtime providers, cores and memory of this"
        + " machine, and the slots --slots auto would choose.")
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config settings = config.settings();
    Engine engine = Engine.getEngine("PyTorch");
    boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
    out.printf(Locale.ROOT, "engine        %s %s (%s build), intra-op threads %d%n",
        engine.getEngineName(), engine.getVersion(), cuda ? "CUDA" : "CPU",
        JniUtils.getNumThreads());
    out.printf(Locale.ROOT, "CUDA          %s, cuDNN %s, GPUs the engine sees: %d%n",
        cuda ? CudaUtils.getCudaVersionString() : "none",
        engine.hasCapability(StandardCapabilities.CUDNN) ? "yes" : "no", engine.getGpuCount());
    List<Integer> gpus = GpuInventory.detect(settings);
    out.printf(Locale.ROOT, "GPUs          %s%n", gpus.isEmpty() ? "none"
        : gpus.size() + " (" + gpus.toString().replaceAll("[\\[\\]]", "") + ")");
    out.printf(Locale.ROOT, "ONNX Runtime  providers %s%n",
        OrtEnvironment.getAvailableProviders());
    OperatingSystemMXBean system =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    out.printf(Locale.ROOT, "machine       %d cores, %.1f GiB memory%n",
        Runtime.getRuntime().availableProcessors(),
        system.getTotalMemorySize() / (double) (1L << 30));
    out.printf(Locale.ROOT, "--slots auto  %s%n", SlotOptions.auto(settings, 0).describe());
    if (cuda && gpus.isEmpty()) {
      out.println("warning       a CUDA build without a GPU to use: cells train on the CPU");
    }
    return ExitCodes.OK;
  }
}
