package org.monosweep.onnx.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

  /** The format's preamble: magic, version 1.0, then the header length as uint16 LE. */
  private static byte[] preamble(int headerLength) {
    return new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) headerLength,
        (byte) (headerLength >>> 8)};
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void float32MatrixIsWrittenByteForByteAsTheSpecificationSays(@TempDir Path dir)
      throws Exception {
    float[] values = {0f, 1.5f, -2f, 0.1f, 1e-30f, Float.MAX_VALUE, -0f, 3f, 4f, 5f, 6f, 7f};
    Path file = dir.resolve("features.npy");
    Npy.write(file, values, 3, 4);

    // 10 preamble bytes + 59 dict bytes + 58 spaces + newline = 128, a multiple of 64.
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"
        + " ".repeat(58) + "\n";
    assertThat(header).hasSize(118);
    byte[] data = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      int bits = Float.floatToRawIntBits(values[i]);
      for (int b = 0; b < 4; b++) {
        data[i * 4 + b] = (byte) (bits >>> (8 * b));
      }
    }
    byte[] expected = concat(preamble(118), header.getBytes(StandardCharsets.US_ASCII), data);
    assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    // 1.5f is 0x3FC00000: little-endian 00 00 C0 3F at data offset 4.
    assertThat(expected).containsSequence(0x00, 0x00, 0xC0, 0x3F);
    assertThat(Npy.header(Npy.FLOAT32, 3, 4)).isEqualTo(concat(preamble(118),
        header.getBytes(StandardCharsets.US_ASCII)));

    Npy.NpyArray read = Npy.read(file);
    assertThat(read.descr()).isEqualTo("<f4");
    assertThat(read.shape()).containsExactly(3, 4);
    assertThat(read.floats()).containsExactly(values);
  }

  @Test
  void int32LabelsUseAOneElementTupleShape(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("features.labels.npy");
    Npy.write(file, new int[] {0, 9, -1, 65536, 7}, 5);
    String header = "{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }"
        + " ".repeat(60) + "\n";
    byte[] data = {0, 0, 0, 0, 9, 0, 0, 0, -1, -1, -1, -1, 0, 0, 1, 0, 7, 0, 0, 0};
    assertThat(Files.readAllBytes(file)).isEqualTo(concat(preamble(118),
        header.getBytes(StandardCharsets.US_ASCII), data));
    assertThat(Npy.read(file).ints()).containsExactly(0, 9, -1, 65536, 7);
  }

  @Test
  void headersAlignDataTo64BytesForAnyShape() {
    long[][] shapes = {{}, {0}, {1}, {10000, 7744}, {123456789012L, 3}, {2, 3, 4, 5}};
    for (long[] shape : shapes) {
      byte[] header = Npy.header(Npy.FLOAT32, shape);
      assertThat(header.length % 64).as("shape %s", java.util.Arrays.toString(shape)).isZero();
      assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
      int declared = (header[8] & 0xFF) | (header[9] & 0xFF) << 8;
      assertThat(declared).isEqualTo(header.length - 10);
    }
    assertThat(new String(Npy.header(Npy.FLOAT32), StandardCharsets.US_ASCII))
        .contains("'shape': (), }");
  }

  @Test
  void streamedWriterProducesTheSameFileAndLeavesNothingWhenIncomplete(@TempDir Path dir)
      throws Exception {
    float[] values = new float[3 * 70000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.25f;
    }
    Path whole = dir.resolve("whole.npy");
    Npy.write(whole, values, 3, 70000);
    Path streamed = dir.resolve("streamed.npy");
    try (Npy.FloatWriter writer = Npy.openFloat32(streamed, 3, 70000)) {
      writer.append(values, 0, 70000);
      writer.append(values, 70000, 140000);
    }
    assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(whole));

    Path partial = dir.resolve("partial.npy");
    Npy.FloatWriter writer = Npy.openFloat32(partial, 2, 2);
    writer.append(new float[] {1, 2, 3}, 0, 3);
    assertThatThrownBy(writer::close).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed after 3 of 4 values");
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("whole.npy", "streamed.npy");
  }

  @Test
  void rejectsValuesThatDoNotFillTheShapeAndForeignFiles(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Npy.write(dir.resolve("x.npy"), new int[] {1, 2, 3}, 2, 2))
        .hasMessage("shape [2, 2] holds 4 values, got 3");
    Path text = Files.writeString(dir.resolve("y.npy"), "hello");
    assertThatThrownBy(() -> Npy.read(text)).hasMessageContaining("is not a .npy file");
  }
}
