package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.monosweep.trainer.data.Fixtures.pixel;
import static org.monosweep.trainer.data.Fixtures.scaled;
import static org.monosweep.trainer.data.Fixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {
  @TempDir Path dir;

  @Test
  void readsCifar10PixelsInChwOrderAndLabelsAcrossAllFiveBatches() throws Exception {
    Fixtures.cifar10(dir, 2, 3);

    CompactImages train = CifarReader.cifar10().read(dir, Split.TRAIN, 0);
    float[] out = Fixtures.readAll(train);

    assertThat(train.size()).isEqualTo(10);
    for (int i = 0; i < 10; i++) {
      assertThat(train.label(i)).isEqualTo(i % 10);
      for (int j = 0; j < 3072; j++) {
        assertThat(out[i * 3072 + j]).isEqualTo(scaled(pixel(i, j)));
      }
    }
    assertThat(train.classNames()).hasSize(10).startsWith("airplane").endsWith("truck");
  }

  @Test
  void readsTheTestBatchAndHonoursALimit() {
    Fixtures.cifar10(dir, 4, 5);

    CompactImages test = CifarReader.cifar10().read(dir, Split.TEST, 0);
    CompactImages head = CifarReader.cifar10().read(dir, Split.TRAIN, 6);

    assertThat(test.size()).isEqualTo(5);
    assertThat(test.label(0)).isEqualTo(1000 % 10);
    assertThat(head.size()).isEqualTo(6);
    assertThat(head.label(5)).isEqualTo(5);
  }

  @Test
  void findsTheExtractedFolderInsideTheGivenOne() {
    Fixtures.cifar10(dir.resolve("cifar-10-batches-bin"), 1, 1);

    assertThat(CifarReader.cifar10().read(dir, Split.TEST, 0).size()).isEqualTo(1);
  }

  @Test
  void cifar100UsesTheFineLabelAndItsNamesFile() {
    write(dir.resolve("train.bin"), Fixtures.cifarRecords(0, 3, 2, 100));
    write(dir.resolve("test.bin"), Fixtures.cifarRecords(98, 2, 2, 100));
    String names = IntStream.range(0, 100).mapToObj(i -> "fine" + i)
        .collect(Collectors.joining("\n", "", "\n"));
    write(dir.resolve("fine_label_names.txt"), names.getBytes());

    CompactImages test = CifarReader.cifar100().read(dir, Split.TEST, 0);

    assertThat(test.label(0)).isEqualTo(98);
    assertThat(test.label(1)).isEqualTo(99);
    assertThat(test.classNames()).hasSize(100).startsWith("fine0").endsWith("fine99");
    float[] out = Fixtures.readAll(test);
    assertThat(out[3071]).isEqualTo(scaled(pixel(98, 3071)));
  }

  @Test
  void cifar100WithoutNamesFileNumbersTheClasses() {
    write(dir.resolve("train.bin"), Fixtures.cifarRecords(0, 2, 2, 100));

    CompactImages train = CifarReader.cifar100().read(dir, Split.TRAIN, 0);

    assertThat(train.classNames()).hasSize(100).startsWith("class_0").endsWith("class_99");
  }

  @Test
  void truncatedBatchNamesTheFileItsSizeAndTheRecordLayout() throws Exception {
    Fixtures.cifar10(dir, 2, 2);
    Path third = dir.resolve("data_batch_3.bin");
    write(third, Arrays.copyOf(Files.readAllBytes(third), 3073 + 1000));

    assertThatThrownBy(() -> CifarReader.cifar10().read(dir, Split.TRAIN, 1))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(third.toString())
        .hasMessageContaining("4073 bytes is not a positive whole number of 3073-byte records")
        .hasMessageContaining("a complete batch has 30730000 bytes")
        .hasMessageContaining("cifar-10-binary.tar.gz");
  }

  @Test
  void missingBatchSaysWhereToDownloadAndWhatLayoutIsExpected() {
    Fixtures.cifar10(dir, 1, 1);
    Path missing = dir.resolve("data_batch_5.bin");
    missing.toFile().delete();

    assertThatThrownBy(() -> CifarReader.cifar10().read(dir, Split.TRAIN, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(missing + ": is missing")
        .hasMessageContaining("https://www.cs.toronto.edu/~kriz/cifar.html")
        .hasMessageContaining("data_batch_1.bin, data_batch_2.bin")
        .hasMessageContaining("test_batch.bin");
  }

  @Test
  void labelOutsideTheClassesIsCorrupt() {
    byte[] records = Fixtures.cifarRecords(0, 2, 1, 10);
    records[3073] = 10;
    write(dir.resolve("test_batch.bin"), records);
    Fixtures.cifar10(dir.resolve("unused"), 1, 1);

    assertThatThrownBy(() -> CifarReader.cifar10().read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("test_batch.bin")
        .hasMessageContaining("label 10 of record 1 is outside 0..9");
  }
}
