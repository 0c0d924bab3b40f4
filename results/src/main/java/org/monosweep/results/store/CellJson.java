package org.monosweep.results.store;

import java.util.List;
import java.util.Map;
import org.monosweep.spec.Cell;
import org.monosweep.spec.ProbeSettings;

/**
 * Writes a {@link Cell}'s settings as compact JSON for the {@code settings} column: every field,
 * in a fixed order, so that anyone with a SQL shell can read what a cell trained without this
 * code. Hand-rolled because the results module has no JSON library of its own.
 */
final class CellJson {

  private CellJson() {}

  /** The cell as one line of JSON. */
  static String write(Cell cell) {
    ProbeSettings p = cell.probe();
    StringBuilder b = new StringBuilder(512);
    b.append('{');
    field(b, "id", cell.id().value()).append(',');
    field(b, "method", cell.method().label()).append(',');
    field(b, "n", cell.n().label()).append(',');
    field(b, "augmentation", cell.augmentation().label()).append(',');
    name(b, "seed").append(cell.seed()).append(',');
    name(b, "dataset").append('{');
    field(b, "kind", cell.dataset().kind().label()).append(',');
    field(b, "path", cell.dataset().path()).append("},");
    field(b, "source", cell.source()).append(',');
    field(b, "encoder", cell.encoder().label()).append(',');
    name(b, "budget").append('{');
    name(b, "epochs").append(cell.budget().epochs()).append(',');
    name(b, "d").append(cell.budget().datasetSize()).append(',');
    name(b, "batch").append(cell.budget().batchSize()).append("},");
    name(b, "probe").append('{');
    name(b, "epochs").append(p.epochs()).append(',');
    number(name(b, "lr"), p.learningRate()).append(',');
    ints(name(b, "lrDropEpochs"), p.lrDropEpochs()).append(',');
    number(name(b, "lrDropFactor"), p.lrDropFactor()).append(',');
    number(name(b, "momentum"), p.momentum()).append(',');
    number(name(b, "weightDecay"), p.weightDecay()).append(',');
    name(b, "batch").append(p.batchSize()).append(',');
    name(b, "trainLimit").append(p.trainLimit()).append(',');
    name(b, "testLimit").append(p.testLimit()).append("},");
    name(b, "params").append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : cell.params().values().entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      field(b, e.getKey(), e.getValue());
    }
    b.append("}}");
    return b.toString();
  }

  private static StringBuilder field(StringBuilder b, String name, String value) {
    return string(name(b, name), value);
  }

  private static StringBuilder name(StringBuilder b, String name) {
    return string(b, name).append(':');
  }

  private static StringBuilder number(StringBuilder b, double value) {
    // JSON has no NaN or Infinity; the spec validates most fields but not all, so keep them as text.
    return Double.isFinite(value) ? b.append(value) : string(b, Double.toString(value));
  }

  private static StringBuilder ints(StringBuilder b, List<Integer> values) {
    b.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values.get(i).intValue());
    }
    return b.append(']');
  }

  static StringBuilder string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"');
  }
}
