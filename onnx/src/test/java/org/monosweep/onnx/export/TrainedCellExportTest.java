package org.monosweep.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.onnx.embed.ExecutionProvider;
import org.monosweep.onnx.embed.Scorer;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.protocol.CellResult.ProbeAccuracy;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.data.CellImages;
import org.monosweep.trainer.data.DatasetCatalog;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.Split;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.train.CellData;
import org.monosweep.trainer.train.CellExporter;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.SyntheticImages;
import org.monosweep.trainer.train.TestCells;
import org.monosweep.trainer.train.TrainingRun;

/** The exporter plugged into a real {@link TrainingRun}: a trained, probed cell exports. */
class TrainedCellExportTest {

  @Test
  void rotnetCellExportsVerifiedModelsWhoseMetadataMatchesItsResult(@TempDir Path dir)
      throws Exception {
    LabelledImages scenes = SyntheticImages.scenes(64, 1);
    LabelledImages probeTrain = SyntheticImages.gratings(120, 4, 0.2, 2);
    LabelledImages probeTest = SyntheticImages.gratings(60, 4, 0.2, 3);
    CellData data = new CellData() {
      @Override
      public TrainingImages training(Cell cell) {
        return scenes;
      }

      @Override
      public TrainingImages probeTrain(Cell cell) {
        return probeTrain;
      }

      @Override
      public TrainingImages probeTest(Cell cell) {
        return probeTest;
      }
    };
    CellExporter exporter = OnnxExport.cellExporter(ExportSettings.defaults(),
        c -> probeTest.classNames());
    AtomicReference<FoldedEncoder> trained = new AtomicReference<>();
    TrainingRun run = TrainingRun.builder().setData(data)
        .optDataLoading(DataLoading.callerThread())
        .optExporter((c, encoder, probes, context) -> {
          trained.set(encoder);
          return exporter.export(c, encoder, probes, context);
        })
        .build();
    Cell cell = TestCells.cell(Method.ROTNET, 4, new TrainBudget(1, 64, 32), TestCells.probe(1),
        Map.of());

    CellResult result = run.run(cell, TestCells.context(dir, new TestCells.Recorder()));

    assertThat(result.artifacts()).extracting(ArtifactRef::kind).containsExactly("onnx-encoder",
        "onnx-classifier-conv1", "onnx-classifier-conv2", "onnx-classifier-conv3",
        "onnx-classifier-conv4");
    byte[] encoder = Files.readAllBytes(dir.resolve("encoder.onnx"));
    assertThat(OnnxExport.checkStructure(encoder,
        OnnxExport.encoderOutputs(trained.get().architecture()))).isEmpty();
    // What the exporter checked, again from the file: every output within 1e-4 of DJL.
    Verification verification = OnnxExport.verifyEncoder(encoder, trained.get(),
        OnnxExport.randomImages(5, trained.get().architecture(), 8), 8, 1e-4);
    assertThat(verification.maxAbsDiff()).hasSize(4).allSatisfy((layer, diff) ->
        assertThat(diff).as(layer).isLessThanOrEqualTo(1e-4));
    try (Scorer scorer = Scorer.open(encoder, "encoder", ExecutionProvider.CPU)) {
      Map<String, String> meta = scorer.metadata();
      assertThat(meta).containsEntry("cell_id", cell.id().value()).containsEntry("method",
          "rotnet");
      for (ProbeAccuracy probe : result.probes()) {
        assertThat(Double.parseDouble(meta.get("probe_top1." + probe.layer())))
            .isEqualTo(probe.top1());
      }
    }
    assertThat(OnnxExport.classNames(OnnxExport.metadata(Files.readAllBytes(dir.resolve(
        "classifier-conv4.onnx"))))).isEqualTo(probeTest.classNames());
  }

  @Test
  void alexnetCellAt64PixelsTrainsOnUpsampledDataAndExportsVerifiedModels(@TempDir Path dir)
      throws Exception {
    // 32-pixel data as the node's catalog serves it; CellData upsamples it to the encoder's 64
    LabelledImages train = SyntheticImages.gratings(64, 4, 0.2, 2);
    LabelledImages test = SyntheticImages.gratings(32, 4, 0.2, 3);
    CellImages cellImages = (cell, side) -> {
      assertThat(side).as("the real split is asked for at its stored side").isEqualTo(32);
      return train;
    };
    DatasetCatalog catalog = new DatasetCatalog() {
      @Override
      public TrainingImages images(DatasetRef dataset, Split split, int limit) {
        return labelled(dataset, split, limit);
      }

      @Override
      public LabelledImages labelled(DatasetRef dataset, Split split, int limit) {
        return split == Split.TRAIN ? train : test;
      }
    };
    AtomicReference<FoldedEncoder> trained = new AtomicReference<>();
    CellExporter exporter = OnnxExport.cellExporter(ExportSettings.defaults(),
        c -> test.classNames());
    TrainingRun run = TrainingRun.builder().setData(CellData.create(cellImages, catalog))
        .optDataLoading(DataLoading.callerThread())
        .optExporter((c, encoder, probes, context) -> {
          trained.set(encoder);
          return exporter.export(c, encoder, probes, context);
        })
        .build();
    Cell cell = Cell.of(Method.ROTNET, SampleSize.FULL, AugmentationSubset.NONE, 4,
        new DatasetRef(DatasetKind.FASHION_MNIST, "synthetic"), "", EncoderKind.ALEXNET,
        new TrainBudget(1, 64, 32), TestCells.probe(1), new Hyperparameters(
            Map.of("input_size", "64")));

    CellResult result = run.run(cell, TestCells.context(dir, new TestCells.Recorder()));

    assertThat(trained.get().architecture()).isEqualTo(EncoderArchitecture.alexnet(64));
    // conv1 and conv2 adaptive-max-pooled to 10 x 10 and 6 x 6; conv3..5 (3 x 3) whole
    assertThat(result.probes()).extracting(ProbeAccuracy::featureDim)
        .containsExactly(9600, 9216, 3456, 3456, 2304);
    assertThat(result.artifacts()).extracting(ArtifactRef::kind).containsExactly("onnx-encoder",
        "onnx-classifier-conv1", "onnx-classifier-conv2", "onnx-classifier-conv3",
        "onnx-classifier-conv4", "onnx-classifier-conv5");
    byte[] encoder = Files.readAllBytes(dir.resolve("encoder.onnx"));
    assertThat(OnnxExport.checkStructure(encoder,
        OnnxExport.encoderOutputs(trained.get().architecture()))).isEmpty();
    float[] images = OnnxExport.randomImages(5, trained.get().architecture(), 4);
    assertThat(OnnxExport.verifyEncoder(encoder, trained.get(), images, 4, 1e-4).maxAbsDiff())
        .hasSize(5).allSatisfy((layer, diff) -> assertThat(diff).as(layer)
            .isLessThanOrEqualTo(1e-4));
    try (Scorer scorer = Scorer.open(encoder, "encoder", ExecutionProvider.CPU)) {
      assertThat(scorer.inputSide()).isEqualTo(64);
      assertThat(scorer.metadata()).containsEntry("encoder", "alexnet");
    }
  }
}
