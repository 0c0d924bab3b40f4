package org.monosweep.benchmarks.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PatchGeneratorBenchmarkTest {

  @Test
  void bothKernelsRenderAFullPatchOfValuesWithinMinusOneAndOne() {
    PatchGeneratorBenchmark benchmark = new PatchGeneratorBenchmark();
    benchmark.size = 32;
    benchmark.photo = "/nonexistent/photo.jpg"; // the synthetic texture stands in
    benchmark.setUp();

    float[] fused = benchmark.fused().clone();
    float[] naive = benchmark.naive();

    assertThat(fused).hasSize(3 * 32 * 32);
    assertThat(naive).hasSize(3 * 32 * 32);
    for (float[] patch : new float[][] {fused, naive}) {
      for (float value : patch) {
        assertThat(value).isBetween(-1f, 1f);
      }
    }
  }

  @Test
  void theAnnotationProcessorListedBothKernelsForJmhToRun() throws IOException {
    try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
      assertThat(list).as("META-INF/BenchmarkList").isNotNull();
      String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(text).contains("PatchGeneratorBenchmark_fused_jmhTest")
          .contains("PatchGeneratorBenchmark_naive_jmhTest");
    }
  }
}
