package org.monosweep.onnx.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.monosweep.spec.Cell;
import org.monosweep.trainer.probe.LayerProbe;

/**
 * What an exported model records about the cell it came from, written as ONNX
 * {@code metadata_props} (string keys and values, readable in Python with
 * {@code session.get_modelmeta().custom_metadata_map}).
 *
 * @param cellId the cell's id
 * @param method the training method label ({@code rotnet})
 * @param n N as written in specs ({@code 1}, {@code full})
 * @param augmentation the augmentation subset label ({@code scale+rotation})
 * @param dataset the dataset kind label ({@code fashion-mnist})
 * @param datasetPath the dataset folder the cell read (empty for the kind's default)
 * @param source the N = 1 source image path, or empty
 * @param seed the cell's seed
 * @param encoder the encoder label ({@code small4})
 * @param grayscale whether the dataset is grayscale (inputs are then luminance in all three
 *     channels, as in training)
 * @param probeTop1 probe test accuracy by layer, conv1 first; layers without a probe are absent
 * @param version the monosweep version that wrote the model
 */
public record ModelMetadata(String cellId, String method, String n, String augmentation,
    String dataset, String datasetPath, String source, long seed, String encoder,
    boolean grayscale, Map<String, Double> probeTop1, String version) {

  /** Key of the monosweep version. */
  public static final String VERSION = "monosweep_version";
  /** Key of the model kind: {@code encoder} or {@code classifier}. */
  public static final String MODEL_KIND = "model_kind";
  /** Key of the cell id. */
  public static final String CELL_ID = "cell_id";
  /** Key of the method. */
  public static final String METHOD = "method";
  /** Key of N. */
  public static final String N = "n";
  /** Key of the augmentation subset. */
  public static final String AUGMENTATION = "augmentation";
  /** Key of the dataset kind. */
  public static final String DATASET = "dataset";
  /** Key of the dataset folder. */
  public static final String DATASET_PATH = "dataset_path";
  /** Key of the N = 1 source image. */
  public static final String SOURCE = "source";
  /** Key of the seed. */
  public static final String SEED = "seed";
  /** Key of the encoder label. */
  public static final String ENCODER = "encoder";
  /** Key of the input side S. */
  public static final String INPUT_SIDE = "input_side";
  /** Key of the input value range, always {@code [-1, 1]} (pixel / 127.5 - 1). */
  public static final String INPUT_RANGE = "input_range";
  /** Key of whether inputs are grayscale replicated to RGB ({@code true}/{@code false}). */
  public static final String INPUT_GRAYSCALE = "input_grayscale";
  /** Prefix of each layer's probe accuracy key: {@code probe_top1.conv2}. */
  public static final String PROBE_TOP1_PREFIX = "probe_top1.";
  /** Key of a classifier's own probe accuracy. */
  public static final String PROBE_TOP1 = "probe_top1";
  /** Key of the probed layer of a classifier. */
  public static final String LAYER = "layer";
  /** Key of a classifier's class names, a JSON array of strings indexed by class. */
  public static final String CLASS_NAMES = "class_names";

  public ModelMetadata {
    Objects.requireNonNull(cellId, "cellId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(n, "n");
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(dataset, "dataset");
    datasetPath = datasetPath == null ? "" : datasetPath;
    source = source == null ? "" : source;
    Objects.requireNonNull(encoder, "encoder");
    probeTop1 = Collections.unmodifiableMap(new LinkedHashMap<>(probeTop1));
    Objects.requireNonNull(version, "version");
  }

  /** The metadata of {@code cell} with the given probe accuracies, written by this monosweep. */
  public static ModelMetadata of(Cell cell, Map<String, Double> probeTop1) {
    return new ModelMetadata(cell.id().value(), cell.method().label(), cell.n().label(),
        cell.augmentation().label(), cell.dataset().kind().label(), cell.dataset().path(),
        cell.source(), cell.seed(), cell.encoder().label(), cell.dataset().kind().grayscale(),
        probeTop1, MonosweepVersion.current());
  }

  /** The metadata of {@code cell} with the accuracies of {@code probes}. */
  public static ModelMetadata of(Cell cell, List<LayerProbe> probes) {
    Map<String, Double> top1 = new LinkedHashMap<>();
    for (LayerProbe probe : probes) {
      top1.put(probe.layer(), probe.top1());
    }
    return of(cell, top1);
  }

  /**
   * The common {@code metadata_props} entries, in a stable order. Accuracies are written with
   * {@link Double#toString}, which reads back to the same double.
   */
  public Map<String, String> properties() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(VERSION, version);
    out.put(CELL_ID, cellId);
    out.put(METHOD, method);
    out.put(N, n);
    out.put(AUGMENTATION, augmentation);
    out.put(DATASET, dataset);
    out.put(DATASET_PATH, datasetPath);
    out.put(SOURCE, source);
    out.put(SEED, Long.toString(seed));
    out.put(ENCODER, encoder);
    out.put(INPUT_RANGE, "[-1, 1]");
    out.put(INPUT_GRAYSCALE, Boolean.toString(grayscale));
    probeTop1.forEach((layer, top1) -> out.put(PROBE_TOP1_PREFIX + layer, Double.toString(top1)));
    return out;
  }
}
