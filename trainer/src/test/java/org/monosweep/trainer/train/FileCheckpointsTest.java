package org.monosweep.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;

class FileCheckpointsTest {
  @TempDir Path dir;

  @Test
  void restoresTheNewestEpochIntoTheExistingArraysAndKeepsOnlyIt() throws IOException {
    Checkpoints checkpoints = Checkpoints.inFolder(dir.resolve("ckpt"));
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder saved = encoder(manager, 1);
      checkpoints.save(1, saved.block());
      saved.initialize(manager, 2);
      checkpoints.save(2, saved.block());

      ConvEncoder restored = encoder(manager, 3);
      List<Object> arrays = new ArrayList<>();
      restored.block().getParameters().forEach(p -> arrays.add(p.getValue().getArray()));
      assertThat(checkpoints.restore(restored.block(), manager)).isEqualTo(2);

      // Arrays.equals, not AssertJ's element diff, which is quadratic on millions of values
      assertThat(Arrays.equals(values(restored.block()), values(saved.block()))).isTrue();
      List<Object> after = new ArrayList<>();
      restored.block().getParameters().forEach(p -> after.add(p.getValue().getArray()));
      assertThat(after).containsExactlyElementsOf(arrays);
    }
    try (var files = Files.list(dir.resolve("ckpt"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("epoch-0002.ckpt");
    }
  }

  @Test
  void startsAtEpochZeroWithoutACheckpoint() throws IOException {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      assertThat(Checkpoints.inFolder(dir.resolve("none")).restore(encoder(manager, 1).block(),
          manager)).isZero();
    }
  }

  @Test
  void movesACorruptCheckpointAsideAndReportsIt() throws IOException {
    Checkpoints checkpoints = Checkpoints.inFolder(dir);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = encoder(manager, 1);
      checkpoints.save(3, encoder.block());
      Path file = dir.resolve("epoch-0003.ckpt");
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 0x55;
      Files.write(file, bytes);
      float[] before = values(encoder.block());

      assertThatThrownBy(() -> checkpoints.restore(encoder.block(), manager))
          .isInstanceOf(IOException.class).hasMessageContaining("checksum mismatch");

      assertThat(Arrays.equals(values(encoder.block()), before)).isTrue();
      assertThat(dir.resolve("epoch-0003.ckpt.corrupt")).exists();
      assertThat(checkpoints.restore(encoder.block(), manager)).isZero();
    }
  }

  private static ConvEncoder encoder(NDManager manager, long seed) {
    ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
    encoder.initialize(manager, seed);
    return encoder;
  }

  private static float[] values(Block block) {
    List<float[]> parts = new ArrayList<>();
    int size = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      parts.add(p.getValue().getArray().toFloatArray());
      size += parts.get(parts.size() - 1).length;
    }
    float[] all = new float[size];
    int at = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
