package org.monosweep.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.train.CellExporter;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import org.monosweep.trainer.train.TestCells;

class OnnxCellExporterTest {
  private static final EncoderArchitecture ARCH = EncoderArchitecture.small4();
  private static final List<String> NAMES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private final FoldedEncoder encoder = TestModels.encoder(11);
  private final List<LayerProbe> probes = TestModels.probes(ARCH, 10);
  private final Cell cell = TestCells.cell(Method.ROTNET, 5, new TrainBudget(2, 64, 32),
      TestCells.probe(2), Map.of());

  @Test
  void writesVerifiedEncoderAndClassifiersWithSizesAndHashes(@TempDir Path dir)
      throws Exception {
    CellExporter exporter = OnnxExport.cellExporter(ExportSettings.defaults(), c -> NAMES);
    List<ArtifactRef> artifacts = exporter.export(cell, encoder, probes, context(dir));

    assertThat(artifacts).extracting(ArtifactRef::kind).containsExactly("onnx-encoder",
        "onnx-classifier-conv1", "onnx-classifier-conv2", "onnx-classifier-conv3",
        "onnx-classifier-conv4");
    assertThat(artifacts).extracting(a -> Path.of(a.path()).getFileName().toString())
        .containsExactly("encoder.onnx", "classifier-conv1.onnx", "classifier-conv2.onnx",
            "classifier-conv3.onnx", "classifier-conv4.onnx");
    for (ArtifactRef artifact : artifacts) {
      Path file = Path.of(artifact.path());
      assertThat(file.getParent()).isEqualTo(dir);
      byte[] bytes = Files.readAllBytes(file);
      assertThat(artifact.sizeBytes()).isEqualTo(bytes.length);
      assertThat(artifact.sha256()).isEqualTo(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }
    assertThat(Files.list(dir)).as("no temporary files left").hasSize(5);
    Map<String, String> meta =
        OnnxExport.metadata(Files.readAllBytes(dir.resolve("classifier-conv3.onnx")));
    assertThat(OnnxExport.classNames(meta)).isEqualTo(NAMES);
  }

  @Test
  void writesOnlyTheEncoderWhenClassifiersAreOff(@TempDir Path dir) throws Exception {
    CellExporter exporter =
        OnnxExport.cellExporter(new ExportSettings(false, 2, 1e-4), c -> List.of());
    assertThat(exporter.export(cell, encoder, probes, context(dir)))
        .extracting(ArtifactRef::kind).containsExactly("onnx-encoder");
  }

  @Test
  void writesNumberedClassNamesWhenNoneAreKnown(@TempDir Path dir) throws Exception {
    CellExporter exporter =
        OnnxExport.cellExporter(new ExportSettings(true, 2, 1e-4), c -> List.of());
    exporter.export(cell, encoder, probes.subList(0, 1), context(dir));
    assertThat(OnnxExport.classNames(OnnxExport.metadata(
        Files.readAllBytes(dir.resolve("classifier-conv1.onnx"))))).isEqualTo(NAMES);
  }

  @Test
  void failsTheCellPermanentlyWhenClassNamesDoNotFit(@TempDir Path dir) {
    CellExporter exporter =
        OnnxExport.cellExporter(new ExportSettings(true, 2, 1e-4), c -> List.of("cat", "dog"));
    assertThatThrownBy(() -> exporter.export(cell, encoder, probes, context(dir)))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageContaining("2 class names for the 10 classes of the conv1 probe");
  }

  @Test
  void stopsWhenTheCellIsCancelled(@TempDir Path dir) {
    CellExporter exporter = OnnxExport.cellExporter(ExportSettings.defaults(), c -> NAMES);
    CellRunContext cancelled = new CellRunContext(dir, new TestCells.Recorder(), () -> true);
    assertThatThrownBy(() -> exporter.export(cell, encoder, probes, cancelled))
        .isInstanceOf(CancellationException.class);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void readsSettingsFromConfigWithDefaults() {
    assertThat(ExportSettings.defaults()).isEqualTo(new ExportSettings(true, 8, 1e-4));
    assertThat(ExportSettings.create(com.typesafe.config.ConfigFactory.parseString(
        "monosweep.gpu-node.export.classifiers = off")))
        .isEqualTo(new ExportSettings(false, 8, 1e-4));
  }

  private static CellRunContext context(Path dir) {
    return TestCells.context(dir, new TestCells.Recorder());
  }
}
