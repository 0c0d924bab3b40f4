package org.monosweep.results.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.monosweep.spec.Cell;
import org.monosweep.spec.ProbeSettings;

/**
 * Writes a {@link Cell}'s settings as compact JSON for the {@code settings} column: every field,
 * in a fixed order, so that anyone with a SQL shell can read what a cell trained without this
 * code. The field names are those of the rows already stored; a non-finite number (JSON has
 * none, and the spec does not rule out every one) is written as text, as it always was.
 */
final class CellJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // immutable once built, so one serves every thread
  private static final ObjectWriter WRITER = new ObjectMapper().writer();

  private CellJson() {}

  /** The cell as one line of JSON. */
  static String write(Cell cell) {
    ObjectNode json = NODES.objectNode();
    json.put("id", cell.id().value());
    json.put("method", cell.method().label());
    json.put("n", cell.n().label());
    json.put("augmentation", cell.augmentation().label());
    json.put("seed", cell.seed());
    ObjectNode dataset = json.putObject("dataset");
    dataset.put("kind", cell.dataset().kind().label());
    dataset.put("path", cell.dataset().path());
    json.put("source", cell.source());
    json.put("encoder", cell.encoder().label());
    ObjectNode budget = json.putObject("budget");
    budget.put("epochs", cell.budget().epochs());
    budget.put("d", cell.budget().datasetSize());
    budget.put("batch", cell.budget().batchSize());
    json.set("probe", probe(cell.probe()));
    ObjectNode params = json.putObject("params");
    cell.params().values().forEach(params::put);
    try {
      return WRITER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values did not serialize", e);
    }
  }

  private static ObjectNode probe(ProbeSettings p) {
    ObjectNode probe = NODES.objectNode();
    probe.put("epochs", p.epochs());
    probe.put("lr", p.learningRate());
    ArrayNode drops = probe.putArray("lrDropEpochs");
    p.lrDropEpochs().forEach(drops::add);
    probe.put("lrDropFactor", p.lrDropFactor());
    probe.put("momentum", p.momentum());
    probe.put("weightDecay", p.weightDecay());
    probe.put("batch", p.batchSize());
    probe.put("trainLimit", p.trainLimit());
    probe.put("testLimit", p.testLimit());
    return probe;
  }
}
