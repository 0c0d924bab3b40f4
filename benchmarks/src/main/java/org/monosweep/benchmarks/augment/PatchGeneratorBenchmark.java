package org.monosweep.benchmarks.augment;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.PatchGenerator;
import org.monosweep.spec.Augmentation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The augmentation kernel under JMH: patches per second of {@link PatchGenerator} rendering one
 * patch on the calling thread, against the naive {@code java.awt} rotate-crop-resize-jitter
 * baseline rendering the same patch, from the large photo (or its synthetic stand-in) with all
 * augmentations on, at S = 32, 128 and 224. One operation is one patch, so JMH's ops/s are
 * patches/s. {@code monosweep bench kernel} runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PatchGeneratorBenchmark {
  /** The patch side S. */
  @Param({"32", "128", "224"})
  public int size;

  /** The large photo; a synthetic 2560 x 1600 texture stands in when it is absent. */
  @Param(AugmentBench.DEFAULT_PHOTO)
  public String photo;

  private PatchGenerator generator;
  private NaiveAugmenter naive;
  private float[] patch;
  // patch i is a pure function of i: a fresh index per call, as a cell's patches have
  private long next;

  /** Decodes the photo and builds both renderers. */
  @Setup
  public void setUp() {
    BufferedImage image = BenchSource.largePhoto(Path.of(photo));
    BenchSource source = BenchSource.of("photo", image);
    generator = PatchGenerator.create(List.of(source.source()),
        AugmentationSettings.paperDefaults(size, EnumSet.allOf(Augmentation.class)), 1);
    naive = new NaiveAugmenter(source.image());
    patch = new float[generator.patchLength()];
  }

  /** One patch by the fused sampler, on this thread. */
  @Benchmark
  public float[] fused() {
    generator.fill(next++, 1, patch, Runnable::run, 1);
    return patch;
  }

  /** The same patch by the naive baseline. */
  @Benchmark
  public float[] naive() {
    return naive.augment(generator.parameters(next++), size);
  }
}
