package org.monosweep.expand;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.SweepSpec;

/**
 * What {@code monosweep plan SPEC} prints: the grid of a sweep as a text table, one row per
 * cell (id, method, N, augmentation, source, seed, hyperparameters, epochs, d, estimated
 * image-steps and time), and a total. Runs nothing.
 *
 * <p>Cost model: training image-steps are epochs x d; probe image-steps are probe epochs x
 * probe training images ({@code train-limit}, or the whole training split) x conv layers.
 * Time divides each by the throughput of {@link PlanSettings}. Instances are immutable.
 */
public final class PlanReport {
  private final PlanSettings settings;

  private PlanReport(PlanSettings settings) {
    this.settings = settings;
  }

  /** A report with the throughputs of {@code reference.conf}. */
  public static PlanReport create() {
    return create(PlanSettings.defaults());
  }

  /** A report with the given throughputs. */
  public static PlanReport create(PlanSettings settings) {
    return new PlanReport(Objects.requireNonNull(settings, "settings"));
  }

  /** The estimated cost of {@code cell}. */
  public CellCost estimate(Cell cell) {
    long train = (long) cell.budget().epochs() * cell.budget().datasetSize();
    long probeImages = probeTrainingImages(cell);
    long probe = probeImages < 0 ? -1 : (long) cell.probe().epochs() * probeImages * cell.encoder().convLayers();
    double seconds = train / settings.trainImagesPerSecond() + Math.max(0, probe) / settings.probeImagesPerSecond();
    return new CellCost(train, probe, Duration.ofMillis(Math.round(seconds * 1000)));
  }

  /** The plan of {@code spec} as text: a header, one row per cell, and the total. */
  public String render(SweepSpec spec) {
    List<Cell> cells = spec.cells();
    StringBuilder out = new StringBuilder();
    out.append("sweep ").append(spec.name()).append(" (").append(spec.origin()).append("): ")
        .append(cells.size()).append(cells.size() == 1 ? " cell" : " cells").append('\n');
    out.append("dataset ").append(distinct(cells, c -> c.dataset().kind() + " at " + c.dataset().path()))
        .append(", encoder ").append(distinct(cells, c -> c.encoder() + " (" + c.encoder().convLayers()
            + " conv layers probed)")).append('\n');
    out.append("probes: ").append(distinct(cells, c -> c.probe().epochs() + " epochs on "
        + probeImagesLabel(c) + " images, lr " + number(c.probe().learningRate())
        + (c.probe().lrDropEpochs().isEmpty() ? " constant" : " divided by "
            + number(c.probe().lrDropFactor()) + " at epochs " + c.probe().lrDropEpochs())))
        .append("\n\n");

    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"#", "id", "method", "N", "augmentation", "source", "seed", "params", "epochs", "d",
        "train img", "probe img", "time"});
    long totalTrain = 0;
    long totalProbe = 0;
    Duration totalTime = Duration.ZERO;
    boolean probeUnknown = false;
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      CellCost cost = estimate(c);
      totalTrain += cost.trainImageSteps();
      totalProbe += Math.max(0, cost.probeImageSteps());
      probeUnknown |= !cost.probeKnown();
      totalTime = totalTime.plus(cost.time());
      rows.add(new String[] {Integer.toString(i + 1), c.id().value(), c.method().label(), c.n().label(),
          c.augmentation().label(), sourceLabel(c), Long.toString(c.seed()), paramsLabel(c),
          Integer.toString(c.budget().epochs()), c.method().trains() ? Integer.toString(c.budget().datasetSize()) : "-",
          compact(cost.trainImageSteps()), cost.probeKnown() ? compact(cost.probeImageSteps()) : "?",
          duration(cost.time())});
    }
    table(out, rows);
    out.append('\n').append("total: ").append(cells.size()).append(" cells, ").append(compact(totalTrain))
        .append(" training + ").append(compact(totalProbe)).append(probeUnknown ? " (and unknown)" : "")
        .append(" probe image-steps, about ").append(duration(totalTime)).append(" on one slot\n");
    out.append(String.format(Locale.ROOT, "(at %.0f training and %.0f probe images/s per slot;"
        + " set monosweep.plan.train-images-per-second and probe-images-per-second to calibrate)%n",
        settings.trainImagesPerSecond(), settings.probeImagesPerSecond()));
    return out.toString();
  }

  /** Images the probes train on: the train-limit, or the split; -1 when the split size is unknown. */
  private static long probeTrainingImages(Cell cell) {
    int limit = cell.probe().trainLimit();
    int split = cell.dataset().kind().trainSize();
    if (limit > 0) {
      return split > 0 ? Math.min(limit, split) : limit;
    }
    return split;
  }

  private static String probeImagesLabel(Cell cell) {
    long images = probeTrainingImages(cell);
    return images < 0 ? "all " + DatasetKind.IMAGE_FOLDER + " training" : Long.toString(images);
  }

  private static String sourceLabel(Cell cell) {
    if (cell.n().isFull() || cell.n().count() != 1) {
      return "-";
    }
    if (cell.source().isEmpty()) {
      return "split";
    }
    Path name = Path.of(cell.source()).getFileName();
    return name == null ? cell.source() : name.toString();
  }

  private static String paramsLabel(Cell cell) {
    if (cell.params().values().isEmpty()) {
      return "-";
    }
    return cell.params().values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static String distinct(List<Cell> cells, Function<Cell, String> label) {
    return cells.stream().map(label).distinct().collect(Collectors.joining("; "));
  }

  /** Left-aligned text columns, right-aligned numeric ones, two spaces apart. */
  private static void table(StringBuilder out, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    boolean[] numeric = new boolean[columns];
    Arrays.fill(numeric, true);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns; c++) {
        String cell = rows.get(r)[c];
        width[c] = Math.max(width[c], cell.length());
        if (r > 0 && !cell.matches("[0-9.,]+[kMG]?|-|\\?")) {
          numeric[c] = false;
        }
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String pad = " ".repeat(width[c] - row[c].length());
        line.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + row[c] : row[c] + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** 950, 12.0k, 1.60M, 2.30G: enough digits to compare cells at a glance. */
  static String compact(long n) {
    if (n < 10_000) {
      return Long.toString(n);
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    if (n < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.2fG", n / 1e9);
  }

  /** 42s, 3m 05s, 2h 05m, 3d 04h. */
  static String duration(Duration d) {
    long s = Math.round(d.toMillis() / 1000.0);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, (s % 86_400) / 3600);
  }
}
