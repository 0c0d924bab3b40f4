package org.monosweep.onnx.embed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.monosweep.onnx.export.ModelMetadata;
import org.monosweep.onnx.export.OnnxExport;
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedConv;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.Normalization;

/** Small models and image files for embed tests. */
final class EmbedFixtures {
  /** Two convs on 8 x 8 images: exports and runs in milliseconds. */
  static final EncoderArchitecture TINY = new EncoderArchitecture("tiny", 3, 8,
      List.of(new ConvLayer("conv1", 3, 4, 3, 2, 1), new ConvLayer("conv2", 4, 8, 3, 1, 1)),
      Normalization.BATCH);

  private EmbedFixtures() {}

  static FoldedEncoder tinyEncoder(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<FoldedConv> layers = new java.util.ArrayList<>();
    for (ConvLayer layer : TINY.layers()) {
      float[] w = new float[layer.weightCount()];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (random.nextDouble() - 0.5);
      }
      float[] b = new float[layer.outChannels()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) (random.nextDouble() * 0.2 - 0.1);
      }
      layers.add(new FoldedConv(layer, w, b));
    }
    return FoldedEncoder.of(TINY, layers);
  }

  static ModelMetadata metadata(boolean grayscale) {
    return new ModelMetadata("0123456789abcdef", "rotnet", "1", "all", "cifar10", "", "", 0,
        "tiny", grayscale, Map.of(), "test");
  }

  /** The tiny encoder's export, written to {@code dir/tiny.onnx}. */
  static Path tinyEncoderFile(Path dir, boolean grayscale) throws IOException {
    return Files.write(dir.resolve("tiny.onnx"),
        OnnxExport.encoderModel(tinyEncoder(3), metadata(grayscale)));
  }

  /** Writes an IDX image file ({@code count x rows x cols} bytes), gzipped when asked. */
  static Path writeIdxImages(Path file, byte[] pixels, int count, int rows, int cols,
      boolean gzip) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(16 + pixels.length);
    out.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols).put(pixels);
    return write(file, out.array(), gzip);
  }

  /** Writes an IDX label file. */
  static Path writeIdxLabels(Path file, int[] labels, boolean gzip) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(8 + labels.length);
    out.putInt(0x00000801).putInt(labels.length);
    for (int label : labels) {
      out.put((byte) label);
    }
    return write(file, out.array(), gzip);
  }

  private static Path write(Path file, byte[] bytes, boolean gzip) throws IOException {
    if (!gzip) {
      return Files.write(file, bytes);
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(buffer)) {
      gz.write(bytes);
    }
    return Files.write(file, buffer.toByteArray());
  }
}
