package org.monosweep.onnx.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.monosweep.protocol.CellResult.ArtifactRef;

/** The Markdown model card of one exported cell. */
final class ModelCard {
  private ModelCard() {}

  /**
   * @param metadata each copied model and its {@code metadata_props}
   */
  static String render(ExportCandidate cell, String bestLayer,
      Map<ArtifactRef, Map<String, String>> metadata) {
    Map<String, String> any = metadata.values().iterator().next();
    String side = any.getOrDefault(ModelMetadata.INPUT_SIDE, "S");
    boolean grayscale = Boolean.parseBoolean(any.get(ModelMetadata.INPUT_GRAYSCALE));
    String version = any.getOrDefault(ModelMetadata.VERSION, "unknown");
    StringBuilder md = new StringBuilder();
    md.append("# monosweep model: ").append(cell.method()).append(", N=").append(cell.n())
        .append(", augmentation ").append(cell.augmentation()).append(", seed ")
        .append(cell.seed()).append("\n\n");
    md.append("Cell `").append(cell.cellId()).append("` of sweep `").append(cell.sweep())
        .append("`, exported by monosweep ").append(version).append(". The encoder is frozen")
        .append(" with BatchNorm folded into its convolutions: the same network whose features")
        .append(" the probes below were measured on.\n\n");

    md.append("## Settings\n\n| setting | value |\n| --- | --- |\n");
    row(md, "method", cell.method());
    row(md, "N (source images)", cell.n());
    row(md, "augmentation", cell.augmentation());
    row(md, "seed", Long.toString(cell.seed()));
    row(md, "dataset", cell.dataset());
    if (!cell.source().isEmpty()) {
      row(md, "source image", "`" + cell.source() + "`");
    }
    row(md, "encoder", cell.encoder());
    md.append('\n');

    md.append("## Linear probes\n\nTop-1 test accuracy of a linear classifier on each layer's")
        .append(" flattened post-ReLU features.\n\n| layer | top-1 | |\n| --- | ---: | --- |\n");
    cell.probeTop1().forEach((layer, top1) -> md.append("| ").append(layer).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f%%", top1 * 100)).append(" | ")
        .append(layer.equals(bestLayer) ? "selected (`--best " + bestLayer + "`)" : "")
        .append(" |\n"));
    md.append('\n');

    md.append("## Files\n\n| file | kind | bytes | sha256 |\n| --- | --- | ---: | --- |\n");
    for (ArtifactRef artifact : metadata.keySet()) {
      md.append("| `").append(Path.of(artifact.path()).getFileName()).append("` | ")
          .append(artifact.kind()).append(" | ").append(artifact.sizeBytes()).append(" | `")
          .append(artifact.sha256()).append("` |\n");
    }
    md.append("\nCheck them with `sha256sum -c ").append(ModelExport.CHECKSUMS).append("`.\n\n");

    md.append("## Input\n\n`image`: float32 `[N, 3, ").append(side).append(", ").append(side)
        .append("]`, RGB planes (NCHW), values `pixel / 127.5 - 1` in [-1, 1], any batch size N.");
    if (grayscale) {
      md.append(" The model was trained on grayscale images: give it luminance in all three")
          .append(" channels; 28 x 28 digits or garments go centred on a black ").append(side)
          .append(" x ").append(side).append(" frame, as in training.");
    }
    md.append("\n\n## Outputs\n\n");
    String classifierFile = null;
    String layer = null;
    for (Map.Entry<ArtifactRef, Map<String, String>> entry : metadata.entrySet()) {
      String file = Path.of(entry.getKey().path()).getFileName().toString();
      Map<String, String> meta = entry.getValue();
      if ("classifier".equals(meta.get(ModelMetadata.MODEL_KIND))) {
        List<String> names = OnnxExport.classNames(meta);
        md.append("- `").append(file).append("`: `logits` and `probabilities`, `[N, ")
            .append(names.size()).append("]`, the ").append(meta.get(ModelMetadata.LAYER))
            .append(" probe; class names in metadata `class_names`: ")
            .append(String.join(", ", names)).append(".\n");
        if (classifierFile == null) {
          classifierFile = file;
        }
      } else {
        md.append("- `").append(file).append("`: one post-ReLU feature map per conv layer, ")
            .append(String.join(", ", cell.probeTop1().keySet().stream().map(l -> "`" + l + "`")
                .toList()))
            .append(", each `[N, C, H, W]`; a probe reads it flattened in C, H, W order.\n");
      }
    }
    if (bestLayer != null && !bestLayer.isBlank()) {
      layer = bestLayer;
    } else if (!cell.probeTop1().isEmpty()) {
      layer = cell.probeTop1().keySet().iterator().next();
    } else {
      layer = "conv1";
    }

    md.append("\n## Run it in Python\n\n```python\nimport json\n\nimport numpy as np\n")
        .append("import onnxruntime as ort\n\n")
        .append("# Your images as float32 [N, 3, ").append(side).append(", ").append(side)
        .append("], pixel / 127.5 - 1.\n")
        .append("images = np.random.uniform(-1, 1, size=(8, 3, ").append(side).append(", ")
        .append(side).append(")).astype(np.float32)\n\n")
        .append("encoder = ort.InferenceSession(\"").append(OnnxExport.ENCODER_FILE)
        .append("\", providers=[\"CPUExecutionProvider\"])\n")
        .append(layer).append(", = encoder.run([\"").append(layer)
        .append("\"], {\"image\": images})\n")
        .append("features = ").append(layer).append(".reshape(len(images), -1)  # what the ")
        .append(layer).append(" probe reads\n");
    if (classifierFile != null) {
      md.append("\nclassifier = ort.InferenceSession(\"").append(classifierFile)
          .append("\", providers=[\"CPUExecutionProvider\"])\n")
          .append("classes = json.loads(classifier.get_modelmeta()")
          .append(".custom_metadata_map[\"class_names\"])\n")
          .append("probabilities, = classifier.run([\"probabilities\"], {\"image\": images})\n")
          .append("print([classes[i] for i in probabilities.argmax(axis=1)])\n");
    }
    md.append("```\n\n## Features with monosweep\n\n```sh\nmonosweep embed --model ")
        .append(OnnxExport.ENCODER_FILE).append(" --images DIR_OR_IDX --layer ").append(layer)
        .append(" --out features.npy\n```\n\n")
        .append("`DIR_OR_IDX` is a folder of PNG/JPEG images (one subfolder per class for")
        .append(" labels) or an IDX image file; labels, when there are any, go to")
        .append(" `features.labels.npy`.\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }
}
