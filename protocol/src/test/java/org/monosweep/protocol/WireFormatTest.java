package org.monosweep.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.SerializationTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.stream.Materializer;
import akka.stream.SourceRef;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.StreamRefs;
import akka.util.ByteString;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Augmentation;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;

class WireFormatTest {
  private static ActorTestKit testKit;
  private static SerializationTestKit serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
    serialization = new SerializationTestKit(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static Cell sampleCell(SampleSize n) {
    return Cell.of(Method.ROTNET, n, new AugmentationSubset(Set.of(Augmentation.SCALE, Augmentation.JITTER)),
        7, new DatasetRef(DatasetKind.FASHION_MNIST, "/data"), "/img.jpg", EncoderKind.SMALL4,
        new TrainBudget(2, 1000, 64), ProbeSettings.paper(), new Hyperparameters(Map.of("lr", "0.05")));
  }

  @Test
  void runCellRoundTripsThroughCborWithEqualCellAndId() {
    TestProbe<CellReport> probe = testKit.createTestProbe();
    for (SampleSize n : List.of(SampleSize.of(10), SampleSize.FULL)) {
      RunCell message = new RunCell("s", sampleCell(n), 2, probe.getRef());
      Object back = serialization.verifySerialization(message, true);
      assertThat(back).isEqualTo(message);
      assertThat(((RunCell) back).cell().id()).isEqualTo(message.cell().id());
    }
  }

  @Test
  void runCellCarriesItsArtifactSinkOverTheWire() {
    TestProbe<CellReport> reports = testKit.createTestProbe();
    TestProbe<ArtifactUpload> sink = testKit.createTestProbe();
    RunCell message = new RunCell("s", sampleCell(SampleSize.of(10)), 3, reports.getRef(),
        sink.getRef());
    RunCell back = (RunCell) serialization.verifySerialization(message, true);
    assertThat(back.artifacts()).isEqualTo(sink.getRef());
    assertThat(back.attempt()).isEqualTo(3);
  }

  @Test
  void reportsRoundTripThroughCbor() {
    Cell cell = sampleCell(SampleSize.of(1));
    CellResult result = new CellResult(
        List.of(new CellResult.ProbeAccuracy("conv1", 0.71, 3, 4096)),
        List.of(new CellResult.EpochMetric("train", 1, 30, "loss", 1.2)),
        List.of(new CellResult.ArtifactRef("onnx-encoder", "runs/x.onnx", 10, "ab")),
        1.5, 0.5, List.of("mode-collapse: spread 0.001"));
    for (CellReport report : List.<CellReport>of(
        new CellReport.CellStarted("s", cell.id(), 1, "n1"),
        new CellReport.CellProgress("s", cell.id(), 1, "n1", "train", 1, 3, 0.5, 900),
        new CellReport.CellAlive("s", cell.id(), 2, "n1"),
        new CellReport.CellCompleted("s", cell.id(), 1, "n1", result),
        new CellReport.CellFailed("s", cell.id(), 1, "n1", "NaN loss", true))) {
      assertThat(serialization.verifySerialization(report, true)).isEqualTo(report);
    }
  }

  @Test
  void artifactUploadRoundTripsThroughCborWithALiveSourceRef() throws Exception {
    Cell cell = sampleCell(SampleSize.of(1));
    Materializer materializer = Materializer.matFromSystem(testKit.system());
    SourceRef<ByteString> data = Source.from(List.of(ByteString.fromString("onnx "),
        ByteString.fromString("bytes"))).runWith(StreamRefs.sourceRef(), materializer);
    TestProbe<ArtifactUpload.ArtifactsStored> replies = testKit.createTestProbe();
    ArtifactUpload upload = new ArtifactUpload("s", cell.id(), 2, "n1",
        List.of(new ArtifactUpload.ArtifactOffer(
            new CellResult.ArtifactRef("onnx-encoder", "runs/cells/x/encoder.onnx", 10, "ab"), data)),
        replies.getRef());

    ArtifactUpload back = (ArtifactUpload) serialization.verifySerialization(upload, true);

    assertThat(serialization.verifySerialization(back, true)).isEqualTo(upload);
    assertThat(SerializationExtension.get(testKit.system().classicSystem()).findSerializerFor(upload))
        .isInstanceOf(akka.serialization.jackson.JacksonCborSerializer.class);
    // The deserialized ref still reaches the origin stream: it is a real SourceRef, not a copy.
    ByteString pulled = back.offers().get(0).data().getSource()
        .runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), materializer)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(pulled.utf8String()).isEqualTo("onnx bytes");
  }

  @Test
  void artifactsStoredRoundTripsThroughCbor() {
    Cell cell = sampleCell(SampleSize.of(1));
    for (ArtifactUpload.ArtifactsStored stored : List.of(
        new ArtifactUpload.ArtifactsStored(cell.id(), 1,
            List.of(new CellResult.ArtifactRef("onnx-encoder", "/store/x/attempt-1/encoder.onnx", 10, "ab")), ""),
        new ArtifactUpload.ArtifactsStored(cell.id(), 2, List.of(), "encoder.onnx: sha256 mismatch"))) {
      assertThat(serialization.verifySerialization(stored, true)).isEqualTo(stored);
    }
  }

  @Test
  void protocolMessagesUseJacksonCborNotJavaSerialization() {
    Serialization ser = SerializationExtension.get(testKit.system().classicSystem());
    assertThat(ser.findSerializerFor(new CellReport.CellStarted("s", sampleCell(SampleSize.FULL).id(), 1, "n")))
        .isInstanceOf(akka.serialization.jackson.JacksonCborSerializer.class);
  }
}
