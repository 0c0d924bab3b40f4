package org.monosweep.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.monosweep.onnx.embed.Embedding;
import org.monosweep.onnx.embed.EmbeddingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monosweep embed --model FILE.onnx --images DIR|IDX --layer conv2 --out features.npy}. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Run an exported model through ONNX Runtime and write features as .npy.")
final class EmbedCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE.onnx")
  Path model;

  @Option(names = "--images", required = true, paramLabel = "DIR|IDX",
      description = "a folder of images (one subfolder per class for labels) or an IDX images file")
  Path images;

  @Option(names = "--layer", required = true, description = "the model output to write, e.g. conv2 or probabilities")
  String layer;

  @Option(names = "--out", required = true, paramLabel = "FILE.npy")
  Path out;

  @Override
  public Integer call() throws Exception {
    EmbeddingResult result = Embedding.run(model, images, layer, out);
    System.out.println("wrote " + result.rows() + " x " + result.dim() + " features of " + layer + " to "
        + result.features() + result.labels().map(l -> " (labels: " + l + ")").orElse("")
        + " using " + result.provider());
    return ExitCodes.OK;
  }
}
