package org.monosweep.onnx.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.spec.Cell;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.train.CellExporter;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a finished cell: the encoder, then one classifier per probe, each built, checked,
 * verified against DJL and only then written. Stateless and thread-safe.
 */
final class OnnxCellExporter implements CellExporter {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxCellExporter.class);

  private final ExportSettings settings;
  private final Function<Cell, List<String>> classNames;

  OnnxCellExporter(ExportSettings settings, Function<Cell, List<String>> classNames) {
    this.settings = settings;
    this.classNames = classNames;
  }

  @Override
  public List<ArtifactRef> export(Cell cell, FoldedEncoder encoder, List<LayerProbe> probes,
      CellRunContext context) throws IOException {
    ModelMetadata metadata = ModelMetadata.of(cell, probes);
    int count = settings.verifyImages();
    float[] images = Verifier.randomImages(Seeds.derive(cell.seed(), "onnx-verify"),
        encoder.architecture(), count);
    Verifier verifier = Verifier.create(encoder, images, count, settings.tolerance());
    List<ArtifactRef> artifacts = new ArrayList<>();

    checkCancelled(context);
    byte[] model = OnnxExport.encoderModel(encoder, metadata);
    requireSound(model, OnnxExport.ENCODER_FILE,
        OnnxExport.encoderOutputs(encoder.architecture()));
    Verification verified = verifier.encoder(model, OnnxExport.ENCODER_FILE);
    LOG.debug("cell {}: {} verified, worst difference {}", cell.id(), OnnxExport.ENCODER_FILE,
        verified.worst());
    artifacts.add(ArtifactFiles.write(context.workDir().resolve(OnnxExport.ENCODER_FILE), model,
        OnnxExport.ENCODER_KIND));

    if (!settings.classifiers() || probes.isEmpty()) {
      return artifacts;
    }
    List<String> names = names(cell, probes.get(0).classes());
    for (LayerProbe probe : probes) {
      checkCancelled(context);
      String file = OnnxExport.classifierFile(probe.layer());
      if (probe.classes() != names.size()) {
        throw CellFailure.permanent("export: " + names.size() + " class names for the "
            + probe.classes() + " classes of the " + probe.layer() + " probe");
      }
      byte[] classifier = OnnxExport.classifierModel(encoder, probe, names, metadata);
      requireSound(classifier, file, OnnxExport.classifierOutputs());
      Verification check = verifier.classifier(classifier, file, probe);
      LOG.debug("cell {}: {} verified, worst difference {}", cell.id(), file, check.worst());
      Path target = context.workDir().resolve(file);
      artifacts.add(ArtifactFiles.write(target, classifier,
          OnnxExport.CLASSIFIER_KIND_PREFIX + probe.layer()));
    }
    return artifacts;
  }

  private List<String> names(Cell cell, int classes) {
    List<String> names = classNames.apply(cell);
    if (names == null || names.isEmpty()) {
      List<String> generic = new ArrayList<>();
      for (int c = 0; c < classes; c++) {
        generic.add(Integer.toString(c));
      }
      return generic;
    }
    return List.copyOf(names);
  }

  private static void requireSound(byte[] model, String file, List<String> outputs) {
    List<String> problems = OnnxExport.checkStructure(model, outputs);
    if (!problems.isEmpty()) {
      throw CellFailure.permanent("ONNX export of " + file + " is malformed: "
          + String.join("; ", problems));
    }
  }

  private static void checkCancelled(CellRunContext context) {
    if (context.cancelled().getAsBoolean()) {
      throw new CancellationException("export cancelled");
    }
  }
}
