package org.monosweep.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.Normalization;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.train.TestCells;

class ModelExportTest {
  /** A two-layer encoder small enough to export in milliseconds. */
  private static final EncoderArchitecture TINY = new EncoderArchitecture("tiny", 3, 8,
      List.of(new ConvLayer("conv1", 3, 4, 3, 2, 1), new ConvLayer("conv2", 4, 8, 3, 1, 1)),
      Normalization.BATCH);

  @TempDir
  Path runs;

  /** Exports a cell of {@code method}, N, seed with the given conv1/conv2 accuracies. */
  private ExportCandidate exported(Method method, int n, long seed, double conv1, double conv2)
      throws Exception {
    Cell cell = Cell.of(method, SampleSize.of(n), AugmentationSubset.ALL, seed,
        new DatasetRef(DatasetKind.CIFAR10, ""), n == 1 ? "photos/lena.png" : "",
        EncoderKind.SMALL4, new TrainBudget(2, 64, 32), TestCells.probe(2),
        new Hyperparameters(Map.of()));
    FoldedEncoder encoder = TestModels.encoder(TINY, seed);
    List<LayerProbe> probes = List.of(TestModels.probe(TINY, 0, 3, conv1, seed),
        TestModels.probe(TINY, 1, 3, conv2, seed + 1));
    Path dir = Files.createDirectories(runs.resolve(cell.id().value()));
    List<ArtifactRef> artifacts = OnnxExport.cellExporter(new ExportSettings(true, 2, 1e-4),
        c -> List.of("plane", "car", "bird")).export(cell, encoder, probes,
            TestCells.context(dir, new TestCells.Recorder()));
    List<ProbeAccuracy> accuracies = new ArrayList<>();
    for (LayerProbe probe : probes) {
      accuracies.add(new ProbeAccuracy(probe.layer(), probe.top1(), 2, probe.featureDim()));
    }
    return ExportCandidate.of("table1", cell,
        new CellResult(accuracies, List.of(), artifacts, 1, 1, List.of()));
  }

  @Test
  void bestPicksTheHighestProbeOnTheLayerAndCopiesEncoderAndItsClassifier(@TempDir Path to)
      throws Exception {
    ExportCandidate a = exported(Method.ROTNET, 1, 1, 0.50, 0.61);
    ExportCandidate b = exported(Method.ROTNET, 1, 2, 0.55, 0.64);
    ExportCandidate other = exported(Method.BIGAN, 1, 3, 0.90, 0.95);
    List<ExportedModel> copied = ModelExport.selectAndCopy(List.of(a, b, other),
        "method=rotnet and n=1", "conv2", to);

    assertThat(copied).singleElement().satisfies(m -> {
      assertThat(m.candidate()).isEqualTo(b);
      assertThat(m.directory()).isEqualTo(to.resolve(b.cellId()));
      assertThat(m.files()).extracting(p -> p.getFileName().toString())
          .containsExactly("encoder.onnx", "classifier-conv2.onnx");
    });
    ExportedModel model = copied.get(0);
    for (Path file : model.files()) {
      String name = file.getFileName().toString();
      ArtifactRef original = b.models().stream()
          .filter(r -> Path.of(r.path()).getFileName().toString().equals(name))
          .findFirst().orElseThrow();
      assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(Path.of(original.path())));
    }
    String card = Files.readString(model.modelCard());
    assertThat(card)
        .contains("# monosweep model: rotnet, N=1, augmentation all, seed 2")
        .contains("Cell `" + b.cellId() + "` of sweep `table1`")
        .contains("| dataset | cifar10 |")
        .contains("| source image | `photos/lena.png` |")
        .contains("| conv1 | 55.00% |  |")
        .contains("| conv2 | 64.00% | selected (`--best conv2`) |")
        .contains("`[N, 3, 8, 8]`")
        .contains("plane, car, bird")
        .contains("conv2, = encoder.run([\"conv2\"], {\"image\": images})")
        .contains("ort.InferenceSession(\"classifier-conv2.onnx\"")
        .contains("monosweep embed --model encoder.onnx --images DIR_OR_IDX --layer conv2");
    for (ArtifactRef ref : b.models()) {
      if (ref.kind().equals("onnx-encoder") || ref.kind().equals("onnx-classifier-conv2")) {
        assertThat(card).contains(ref.sha256());
      } else {
        assertThat(card).doesNotContain(ref.sha256());
      }
    }
    assertThat(Files.readAllLines(model.checksums())).hasSize(2)
        .allSatisfy(line -> assertThat(line).matches("[0-9a-f]{64}  \\S+\\.onnx"));
  }

  @Test
  void withoutBestCopiesEveryMatchingCellWithAllModels(@TempDir Path to) throws Exception {
    ExportCandidate a = exported(Method.ROTNET, 1, 1, 0.5, 0.6);
    ExportCandidate b = exported(Method.ROTNET, 2, 1, 0.5, 0.6);
    List<ExportedModel> copied = ModelExport.selectAndCopy(List.of(a, b), "seed=1", null, to);
    assertThat(copied).hasSize(2).allSatisfy(m -> assertThat(m.files()).hasSize(3));
  }

  @Test
  void explainsWhyNothingCanBeExported(@TempDir Path to) throws Exception {
    ExportCandidate a = exported(Method.ROTNET, 1, 1, 0.5, 0.6);
    assertThatThrownBy(() -> ModelExport.selectAndCopy(List.of(a), "method=bigan", null, to))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no finished cell matching 'method=bigan' (of 1 finished cells)");
    assertThatThrownBy(() -> ModelExport.selectAndCopy(List.of(a), "", "conv7", to))
        .hasMessage("--best conv7: no cell has a probe on conv7; probed layers are conv1, conv2");
    ExportCandidate bare = new ExportCandidate("table1", "00000000000000ff", "rotnet", "1", "all",
        0, "", "cifar10", "small4", new LinkedHashMap<>(Map.of("conv1", 0.5)), List.of());
    assertThatThrownBy(() -> ModelExport.selectAndCopy(List.of(bare), "n=1", null, to))
        .hasMessage("1 finished cells matching 'n=1', but none has exported ONNX models");
  }

  @Test
  void refusesAModelThatChangedSinceItWasRecorded(@TempDir Path to) throws Exception {
    ExportCandidate a = exported(Method.ROTNET, 1, 1, 0.5, 0.6);
    Path encoder = Path.of(a.models().get(0).path());
    byte[] bytes = Files.readAllBytes(encoder);
    bytes[bytes.length - 1] ^= 1;
    Files.write(encoder, bytes);
    assertThatThrownBy(() -> ModelExport.selectAndCopy(List.of(a), null, "conv1", to))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("changed since it was recorded");
  }
}
