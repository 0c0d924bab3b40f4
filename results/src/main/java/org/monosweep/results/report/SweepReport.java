package org.monosweep.results.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.monosweep.results.store.CellRow;
import org.monosweep.results.store.CellSettings;
import org.monosweep.results.store.CellState;
import org.monosweep.results.store.CellStatus;
import org.monosweep.results.store.ProbeRow;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.StatusCounts;
import org.monosweep.results.store.SweepRow;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.CellId;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Method;
import org.monosweep.spec.MethodParams;
import org.monosweep.spec.ParamKey;

/**
 * A sweep's results as Markdown in the layout of the reference paper's tables: one table per
 * dataset and encoder, rows method x N x augmentation, columns conv1..convK, linear-probe top-1
 * accuracy in percent. Cells that differ only by seed share a row as {@code mean ± std (n)} with
 * the sample standard deviation, because on small data the effects studied can be as small as a
 * point. A header counts cells by status; a failures section lists failed cells with their
 * reasons and finished cells with warning flags; a last table lists every cell. When given
 * {@linkplain #withPreviews previews}, a section links one grid of example patches per source and
 * augmentation subset; the report only links them, whoever runs the sweep writes the files.
 *
 * <p>Rows are ordered as in the paper: {@code supervised}, then {@code random} (the references),
 * then the other methods; N ascending with {@code full} last; augmentations in
 * {@link AugmentationSubset#everySubset()} order.
 *
 * <p>A report is a snapshot: {@link #load} reads the store once; rendering reads nothing.
 */
public final class SweepReport {

  private static final String NONE = "—";
  private static final List<AugmentationSubset> AUGMENTATION_ORDER = AugmentationSubset.everySubset();

  private final SweepRow sweep;
  private final List<CellRow> cells;
  private final Map<CellId, List<ProbeRow>> probes;
  private final List<Preview> previews;
  /** Parameters whose value differs between cells of one method: the ones rows show. */
  private final List<String> varying;

  private SweepReport(SweepRow sweep, List<CellRow> cells, Map<CellId, List<ProbeRow>> probes,
      List<Preview> previews) {
    this.sweep = sweep;
    this.cells = List.copyOf(cells);
    this.probes = Map.copyOf(probes);
    this.previews = previews.stream().sorted(PREVIEW_ORDER).toList();
    this.varying = varyingParams(this.cells);
  }

  /**
   * The names whose value (the cell's, or its method's default) differs between two cells of
   * the same method; a name that only tells methods apart would repeat the method column.
   */
  private static List<String> varyingParams(List<CellRow> cells) {
    Map<Method, Map<String, Set<String>>> seen = new EnumMap<>(Method.class);
    Set<String> names = new TreeSet<>();
    cells.forEach(c -> names.addAll(c.settings().params().values().keySet()));
    for (CellRow cell : cells) {
      Map<String, Set<String>> values =
          seen.computeIfAbsent(cell.settings().method(), m -> new HashMap<>());
      for (String name : names) {
        values.computeIfAbsent(name, n -> new HashSet<>())
            .add(paramValue(cell.settings(), name).orElse(""));
      }
    }
    return names.stream().filter(name -> seen.values().stream()
        .anyMatch(values -> values.get(name).size() > 1)).toList();
  }

  /** The cell's value of {@code name}, or its method's default; empty if it has no such name. */
  private static Optional<String> paramValue(CellSettings settings, String name) {
    String value = settings.params().values().get(name);
    return value != null ? Optional.of(value)
        : MethodParams.find(settings.method(), name).map(ParamKey::defaultText);
  }

  /** The varying parameters of a cell as {@code lr=0.1 momentum=0.9}; empty if none apply. */
  private String paramsText(CellSettings settings) {
    return varying.stream()
        .flatMap(name -> paramValue(settings, name).map(v -> name + "=" + v).stream())
        .collect(Collectors.joining(" "));
  }

  /**
   * A PNG grid of example training patches of one source under one augmentation subset (the
   * paper's Figures 7-10), written next to the report.
   *
   * @param source the source image as the sweep's cells name it
   * @param subset the augmentation subset the patches were drawn with
   * @param link the PNG's path relative to the report's folder, {@code /}-separated
   */
  public record Preview(String source, AugmentationSubset subset, String link) {
    public Preview {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(subset, "subset");
      if (link.isEmpty() || link.startsWith("/") || link.contains("\\")) {
        throw new IllegalArgumentException("a preview link is a relative /-separated path, got '"
            + link + "'");
      }
    }
  }

  private static final Comparator<Preview> PREVIEW_ORDER = Comparator
      .comparing(Preview::source)
      .thenComparingInt(p -> AUGMENTATION_ORDER.indexOf(p.subset()))
      .thenComparing(Preview::link);

  /**
   * Reads what the report needs about {@code sweep}.
   *
   * @throws IllegalArgumentException if the store has no such sweep, naming the ones it has
   */
  public static SweepReport load(ResultStore store, String sweep) {
    SweepRow row = store.sweep(sweep).orElseThrow(() -> new IllegalArgumentException(
        "no sweep named '" + sweep + "' in the results store; known sweeps: "
            + (store.sweeps().isEmpty() ? "none"
                : store.sweeps().stream().map(SweepRow::name).collect(Collectors.joining(", ")))));
    Map<CellId, List<ProbeRow>> probes = new HashMap<>();
    for (ProbeRow probe : store.probes(sweep)) {
      probes.computeIfAbsent(probe.cellId(), id -> new ArrayList<>()).add(probe);
    }
    return new SweepReport(row, store.cells(sweep), probes, List.of());
  }

  /**
   * This report with a section linking {@code previews} (replacing any it had).
   *
   * @param previews the grids, in any order; the report sorts them by source and subset
   */
  public SweepReport withPreviews(List<Preview> previews) {
    return new SweepReport(sweep, cells, probes, List.copyOf(previews));
  }

  /** The sweep's name. */
  public String sweep() {
    return sweep.name();
  }

  /** The whole report as Markdown, ending with a newline. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder(4096);
    header(md);
    tables(md);
    previews(md);
    failures(md);
    cellTable(md);
    return md.toString();
  }

  /**
   * Writes the report to {@code runsDirectory/<sweep>/report.md}, replacing an older one in one
   * step (a reader never sees half a report).
   *
   * @return the file written
   * @throws IllegalArgumentException if the sweep's name is not usable as a folder name
   */
  public Path writeTo(Path runsDirectory) throws IOException {
    String name = sweep();
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
        || name.contains("\\")) {
      throw new IllegalArgumentException("sweep name '" + name + "' cannot be a folder name");
    }
    Path folder = runsDirectory.resolve(name);
    Files.createDirectories(folder);
    Path target = folder.resolve("report.md");
    Path partial = folder.resolve("report.md.partial");
    Files.writeString(partial, toMarkdown(), StandardCharsets.UTF_8);
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  // ---- header -------------------------------------------------------------------------------

  private void header(StringBuilder md) {
    StatusCounts c = sweep.counts();
    md.append("# Sweep report: ").append(sweep.name()).append("\n\n");
    md.append("- origin: `").append(sweep.origin()).append("`\n");
    md.append("- registered: ").append(sweep.created()).append('\n');
    md.append("- cells: ").append(c.total()).append(" total");
    for (CellStatus status : List.of(CellStatus.DONE, CellStatus.FAILED, CellStatus.RUNNING,
        CellStatus.PENDING, CellStatus.INTERRUPTED)) {
      md.append(" · ").append(c.get(status)).append(' ').append(status.label());
    }
    md.append("\n\n");
    md.append("Linear-probe top-1 accuracy (%) on the test split after each conv layer. Cells that"
        + " differ only by seed share a row: mean ± sample std (n finished cells); ")
        .append(NONE).append(" where none has finished.\n\n");
  }

  // ---- accuracy tables ----------------------------------------------------------------------

  /** Cells that differ only by seed: one row of a table. */
  private record Row(CellSettings settings, List<CellRow> cells) {}

  /** Which table a cell belongs to. */
  private record TableKey(DatasetRef dataset, EncoderKind encoder) {}

  private void tables(StringBuilder md) {
    Map<TableKey, Map<CellId, List<CellRow>>> tables = new LinkedHashMap<>();
    for (CellRow cell : cells) {
      TableKey key = new TableKey(cell.settings().dataset(), cell.settings().encoder());
      tables.computeIfAbsent(key, k -> new LinkedHashMap<>())
          .computeIfAbsent(cell.settings().variant(), v -> new ArrayList<>()).add(cell);
    }
    List<TableKey> keys = new ArrayList<>(tables.keySet());
    keys.sort(Comparator.comparing((TableKey k) -> k.dataset().kind().label())
        .thenComparing(k -> k.dataset().path()).thenComparing(k -> k.encoder().label()));
    for (TableKey key : keys) {
      List<Row> rows = tables.get(key).values().stream()
          .map(group -> new Row(group.get(0).settings(), group))
          .sorted(ROW_ORDER)
          .toList();
      boolean ambiguousDataset = keys.stream().anyMatch(other -> other != key
          && other.dataset().kind() == key.dataset().kind()
          && !other.dataset().path().equals(key.dataset().path()));
      table(md, key, ambiguousDataset, rows);
    }
  }

  private static final Comparator<Row> ROW_ORDER = Comparator
      .comparingInt((Row r) -> methodRank(r.settings().method()))
      .thenComparingLong(r -> r.settings().n().isFull() ? Long.MAX_VALUE : r.settings().n().count())
      .thenComparingInt(r -> AUGMENTATION_ORDER.indexOf(r.settings().augmentation()))
      .thenComparing(r -> r.settings().source())
      .thenComparing(r -> r.settings().variant().value());

  /** The paper's order: the supervised and random references first, then the methods. */
  private static int methodRank(Method method) {
    if (method == Method.SUPERVISED) {
      return 0;
    }
    if (method == Method.RANDOM) {
      return 1;
    }
    return 2 + method.ordinal();
  }

  private void table(StringBuilder md, TableKey key, boolean showPath, List<Row> rows) {
    md.append("## ").append(key.dataset().kind().label());
    if (showPath) {
      md.append(" (").append(key.dataset().path()).append(')');
    }
    md.append(" · ").append(key.encoder().label()).append("\n\n");
    List<String> layers = layerNames(key.encoder(), rows);
    boolean showParams = !varying.isEmpty();
    md.append("| method | N | augmentation |").append(showParams ? " parameters |" : "");
    layers.forEach(layer -> md.append(' ').append(layer).append(" |"));
    md.append("\n|:---|---:|:---|").append(showParams ? ":---|" : "");
    layers.forEach(layer -> md.append("---:|"));
    md.append('\n');
    List<String[]> labels = rows.stream().map(this::rowLabel).toList();
    for (int i = 0; i < rows.size(); i++) {
      String[] label = labels.get(i);
      if (isAmbiguous(labels, i)) {
        // Only settings a row does not show tell these apart: name the variant.
        label = label.clone();
        label[0] += " [" + rows.get(i).settings().variant().value().substring(0, 8) + "]";
      }
      md.append("| ").append(cellText(label[0])).append(" | ").append(cellText(label[1]))
          .append(" | ").append(cellText(label[2])).append(" |");
      if (showParams) {
        md.append(' ').append(label[3].isEmpty() ? NONE : cellText(label[3])).append(" |");
      }
      for (int layer = 0; layer < layers.size(); layer++) {
        md.append(' ').append(accuracy(rows.get(i), layer)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /** conv1..convK, K the encoder's conv count or the most probes any cell has. */
  private List<String> layerNames(EncoderKind encoder, List<Row> rows) {
    TreeMap<Integer, String> names = new TreeMap<>();
    for (Row row : rows) {
      for (CellRow cell : row.cells()) {
        for (ProbeRow probe : probes.getOrDefault(cell.id(), List.of())) {
          names.putIfAbsent(probe.layerIndex(), probe.layer());
        }
      }
    }
    int count = Math.max(encoder.convLayers(), names.isEmpty() ? 0 : names.lastKey() + 1);
    List<String> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      result.add(names.getOrDefault(i, "conv" + (i + 1)));
    }
    return result;
  }

  /**
   * Method, N, augmentation and varying parameters as shown; N and augmentation do not apply to
   * the references.
   */
  private String[] rowLabel(Row row) {
    CellSettings s = row.settings();
    if (!s.method().trainsOnSources()) {
      return new String[] {s.method().label(), NONE, NONE, paramsText(s)};
    }
    String n = s.n().label();
    if (!s.source().isEmpty()) {
      n += " (" + Path.of(s.source()).getFileName() + ")";
    }
    return new String[] {s.method().label(), n, s.augmentation().label(), paramsText(s)};
  }

  private static boolean isAmbiguous(List<String[]> labels, int index) {
    for (int j = 0; j < labels.size(); j++) {
      if (j != index && Arrays.equals(labels.get(j), labels.get(index))) {
        return true;
      }
    }
    return false;
  }

  /** The row's accuracy at one layer over its finished cells: {@code mean ± std (n)}. */
  private String accuracy(Row row, int layerIndex) {
    List<Double> values = new ArrayList<>();
    for (CellRow cell : row.cells()) {
      for (ProbeRow probe : probes.getOrDefault(cell.id(), List.of())) {
        if (probe.layerIndex() == layerIndex) {
          values.add(100.0 * probe.top1());
        }
      }
    }
    if (values.isEmpty()) {
      return NONE;
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    if (values.size() == 1) {
      return String.format(Locale.ROOT, "%.1f (1)", mean);
    }
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double std = Math.sqrt(squares / (values.size() - 1));
    return String.format(Locale.ROOT, "%.1f ± %.1f (%d)", mean, std, values.size());
  }

  // ---- previews ----------------------------------------------------------------------------

  private void previews(StringBuilder md) {
    if (previews.isEmpty()) {
      return;
    }
    md.append("## Augmentation previews\n\n");
    md.append("The first training patches of each source under each augmentation subset its cells"
        + " use, before the method's own augmentation.\n\n");
    for (Preview preview : previews) {
      String name = Path.of(preview.source()).getFileName().toString();
      md.append("- ").append(line(name)).append(", ").append(preview.subset().label())
          .append(": [").append(preview.link()).append("](").append(preview.link().replace(" ", "%20"))
          .append(")\n");
    }
    md.append('\n');
  }

  // ---- failures and cells -------------------------------------------------------------------

  /** Failed cells with their reasons first, then cells whose result carries warning flags. */
  private void failures(StringBuilder md) {
    md.append("## Failures\n\n");
    int lines = 0;
    for (CellRow cell : cells) {
      CellState state = cell.state();
      if (state.status() == CellStatus.FAILED) {
        md.append("- `").append(cell.id()).append("` ").append(cell.settings().label())
            .append(": failed (attempt ").append(state.attempt());
        if (state.node() != null) {
          md.append(" on ").append(state.node());
        }
        md.append("): ").append(line(Objects.requireNonNullElse(state.failureReason(), "no reason given")))
            .append('\n');
        lines++;
      }
    }
    for (CellRow cell : cells) {
      CellState state = cell.state();
      if (!state.flags().isEmpty()) {
        md.append("- `").append(cell.id()).append("` ").append(cell.settings().label())
            .append(": ").append(state.status().label()).append(", flagged: ")
            .append(state.flags().stream().map(SweepReport::line).collect(Collectors.joining("; ")))
            .append('\n');
        lines++;
      }
    }
    if (lines == 0) {
      md.append("None.\n");
    }
    md.append('\n');
  }

  private void cellTable(StringBuilder md) {
    md.append("## Cells\n\n");
    md.append("| cell | label | status | attempts | train s | probe s |\n");
    md.append("|:---|:---|:---|---:|---:|---:|\n");
    for (CellRow cell : cells) {
      CellState state = cell.state();
      md.append("| `").append(cell.id()).append("` | ").append(cellText(label(cell.settings())))
          .append(" | ").append(state.status().label())
          .append(" | ").append(state.attempts())
          .append(" | ").append(seconds(state.trainSeconds()))
          .append(" | ").append(seconds(state.probeSeconds())).append(" |\n");
    }
  }

  /** The cell's label with its varying parameters. */
  private String label(CellSettings settings) {
    String params = paramsText(settings);
    return settings.label() + (params.isEmpty() ? "" : " " + params);
  }

  private static String seconds(Double value) {
    return value == null ? NONE : String.format(Locale.ROOT, "%.1f", value);
  }

  /** Free text on one line. */
  private static String line(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** Free text inside a Markdown table cell. */
  private static String cellText(String text) {
    return line(text).replace("|", "\\|");
  }
}
