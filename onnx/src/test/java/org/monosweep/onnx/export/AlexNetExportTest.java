package org.monosweep.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.train.TestCells;

/**
 * AlexNet exports: the max-pools between layers and the probes' adaptive max-pools are in the
 * graphs, and every output matches DJL. The sides cover each way a probe's pooling is written:
 * at 64 pixels conv1 (15 to 10) and conv2 (7 to 6) pool with windows of one size, at 84 conv1
 * (20 to 10) is an ordinary max-pool, and at 128 conv3 and conv4 (7 to 5) have windows of two
 * sizes (2 and 3), which takes the maximum of two selections.
 */
class AlexNetExportTest {
  private static final double TOLERANCE = 1e-4;
  private static final int IMAGES = 4;
  private static final List<String> CLASSES = List.of("a", "b", "c");

  @ParameterizedTest
  @ValueSource(ints = {64, 84, 128})
  void encoderAndEveryClassifierMatchDjl(int side) throws Exception {
    EncoderArchitecture arch = EncoderArchitecture.alexnet(side);
    FoldedEncoder encoder = TestModels.encoder(arch, side);
    List<LayerProbe> probes = TestModels.probes(arch, CLASSES.size());
    ModelMetadata metadata = ModelMetadata.of(TestCells.cell(Method.ROTNET, 1,
        new TrainBudget(1, 64, 32), TestCells.probe(1), Map.of()), probes);
    float[] images = OnnxExport.randomImages(side, arch, IMAGES);

    byte[] encoderBytes = OnnxExport.encoderModel(encoder, metadata);
    assertThat(OnnxExport.checkStructure(encoderBytes, OnnxExport.encoderOutputs(arch)))
        .isEmpty();
    assertThat(ModelProto.parseFrom(encoderBytes).getGraph().getNodeList())
        .extracting(NodeProto::getOpType).containsExactly("Conv", "Relu", "MaxPool", "Conv",
            "Relu", "MaxPool", "Conv", "Relu", "Conv", "Relu", "Conv", "Relu");
    Verification verification =
        OnnxExport.verifyEncoder(encoderBytes, encoder, images, IMAGES, TOLERANCE);
    assertThat(verification.maxAbsDiff()).hasSize(5);

    for (LayerProbe probe : probes) {
      byte[] classifier = OnnxExport.classifierModel(encoder, probe, CLASSES, metadata);
      assertThat(OnnxExport.checkStructure(classifier, OnnxExport.classifierOutputs()))
          .as("%s at %d px", probe.layer(), side).isEmpty();
      assertThat(OnnxExport.verifyClassifier(classifier, encoder, probe, images, IMAGES,
          TOLERANCE).worst()).as("%s at %d px", probe.layer(), side)
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }
}
