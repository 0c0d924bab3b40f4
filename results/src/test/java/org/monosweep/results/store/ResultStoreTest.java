package org.monosweep.results.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.monosweep.results.SampleCells.cell;
import static org.monosweep.results.SampleCells.result;
import static org.monosweep.results.SampleCells.rotnet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.monosweep.results.SampleCells;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;

class ResultStoreTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-01T10:05:00Z");
  private static final Instant T2 = Instant.parse("2025-03-01T10:30:00Z");

  private String url;
  private ResultStore store;

  @BeforeEach
  void open() {
    url = SampleCells.memoryUrl();
    store = ResultStores.openUrl(url);
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ---- schema -------------------------------------------------------------------------------

  @Test
  void createsTheSchemaAndRecordsItsVersionInFlywaysHistory() throws SQLException {
    assertThat(store.schemaVersion()).isEqualTo(2);
    assertThat(query("SELECT \"version\", \"description\", \"script\", \"success\""
        + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
        + " ORDER BY \"installed_rank\""))
        .containsExactly(List.of("1", "cells", "V1__cells.sql", "TRUE"),
            List.of("2", "cluster", "V2__cluster.sql", "TRUE"));
    assertThat(query("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'PUBLIC' ORDER BY table_name"))
        .extracting(row -> row.get(0))
        .containsExactly("ARTIFACTS", "CELLS", "CELL_RESULTS", "METRICS", "PROBE_RESULTS",
            "SWEEPS", "SWEEP_CELLS", "SWEEP_SPECS", "flyway_schema_history");
  }

  @Test
  void migratesAnOlderDatabaseAndKeepsItsData() throws SQLException {
    store.close();
    url = SampleCells.memoryUrl();
    store = JdbcResultStore.open(url, SchemaMigrator.bundled().upTo(1));
    Cell done = rotnet(0);
    Cell pending = rotnet(1);
    store.registerSweep("s", "s.conf", List.of(done, pending), T0);
    store.markStarted(done.id(), 1, "node-1", T0);
    execute("UPDATE cells SET status = 'DONE', finished_at = CURRENT_TIMESTAMP WHERE cell_id = '"
        + done.id().value() + "'"); // as version-1 code completed a cell
    store.close();

    store = JdbcResultStore.open(url, SchemaMigrator.of("db/migration", "db/test-migration"));

    assertThat(store.schemaVersion()).isEqualTo(3);
    assertThat(query("SELECT \"version\" FROM \"flyway_schema_history\""
        + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""))
        .containsExactly(List.of("1"), List.of("2"), List.of("3"));
    assertThat(query("SELECT column_name FROM information_schema.columns"
        + " WHERE table_name = 'SWEEPS' AND column_name = 'NOTES'")).hasSize(1);
    assertThat(store.cells("s")).extracting(CellRow::id).containsExactly(done.id(), pending.id());
    // the result stored under version 1 is claimed in cell_results, so no second one can land
    assertThat(query("SELECT cell_id, attempt FROM cell_results"))
        .containsExactly(List.of(done.id().value(), "1"));
    assertThat(store.recordCompleted(done.id(), 2, "node-2", result(0.9), T2)).isFalse();
  }

  @Test
  void refusesADatabaseWrittenByNewerCode() {
    store.close();
    JdbcResultStore.open(url, SchemaMigrator.of("db/migration", "db/test-migration")).close();

    assertThatThrownBy(() -> ResultStores.openUrl(url))
        .isInstanceOf(ResultStoreException.class)
        .hasMessageContaining("has schema version 3, newer than version 2")
        .hasMessageContaining("written by a newer monosweep");
    store = ResultStores.openUrl(SampleCells.memoryUrl());
  }

  @Test
  void refusesADatabaseWhoseAppliedScriptDiffersFromTheShippedOne() throws SQLException {
    store.close();
    execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1"
        + " WHERE \"version\" = '1'"); // as if V1__cells.sql had been edited after it ran

    assertThatThrownBy(() -> ResultStores.openUrl(url))
        .isInstanceOf(ResultStoreException.class)
        .hasMessageStartingWith("migrating results database " + url + " failed: ")
        .hasMessageContaining("checksum mismatch for migration version 1")
        .hasMessageContaining("open it with the monosweep that made it")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    store = ResultStores.openUrl(SampleCells.memoryUrl());
  }

  // ---- registration -------------------------------------------------------------------------

  @Test
  void registersASweepWithItsCellsInGridOrder() {
    Cell a = rotnet(0);
    Cell b = cell(Method.SUPERVISED, SampleSize.FULL, AugmentationSubset.NONE, 0);

    assertThat(store.registerSweep("s", "specs/s.conf", List.of(a, b), T0)).isTrue();

    assertThat(store.sweeps()).containsExactly(
        new SweepRow("s", "specs/s.conf", T0, new StatusCounts(2, 0, 0, 0, 0)));
    List<CellRow> cells = store.cells("s");
    assertThat(cells).extracting(CellRow::id).containsExactly(a.id(), b.id());
    CellRow first = cells.get(0);
    assertThat(first.settings().method()).isEqualTo(Method.ROTNET);
    assertThat(first.settings().n()).isEqualTo(SampleSize.of(1));
    assertThat(first.settings().augmentation()).isEqualTo(AugmentationSubset.ALL);
    assertThat(first.settings().dataset()).isEqualTo(SampleCells.FASHION);
    assertThat(first.settings().encoder()).isEqualTo(EncoderKind.SMALL4);
    assertThat(first.settings().variant()).isEqualTo(a.id());
    assertThat(cells.get(1).settings().n()).isEqualTo(SampleSize.FULL);
    assertThat(first.state()).isEqualTo(new CellState(CellStatus.PENDING, 0, 0, null, null, null,
        null, null, null, List.of()));
  }

  @Test
  void storesEverySettingAsCompactJson() {
    Cell a = Cell.of(Method.ROTNET, SampleSize.of(1), AugmentationSubset.parse("scale+jitter"), 3,
        SampleCells.FASHION, "/img/\"B\".png", EncoderKind.SMALL4, new TrainBudget(2, 1000, 64),
        ProbeSettings.paper(), Hyperparameters.EMPTY.with("lr", "0.1"));
    store.registerSweep("s", "s.conf", List.of(a), T0);

    assertThat(store.cell(a.id()).orElseThrow().settings().json()).isEqualTo("{\"id\":\"" + a.id()
        + "\",\"method\":\"rotnet\",\"n\":\"1\",\"augmentation\":\"scale+jitter\",\"seed\":3,"
        + "\"dataset\":{\"kind\":\"fashion-mnist\",\"path\":\"/usr/share/datasets/fashion-mnist\"},"
        + "\"source\":\"/img/\\\"B\\\".png\",\"encoder\":\"small4\","
        + "\"budget\":{\"epochs\":2,\"d\":1000,\"batch\":64},"
        + "\"probe\":{\"epochs\":36,\"lr\":0.01,\"lrDropEpochs\":[5,15,25],\"lrDropFactor\":5.0,"
        + "\"momentum\":0.9,\"weightDecay\":5.0E-4,\"batch\":128,\"trainLimit\":0,\"testLimit\":0},"
        + "\"params\":{\"lr\":\"0.1\"}}");
  }

  @Test
  void cellsThatDifferOnlyBySeedShareAVariant() {
    Cell s0 = rotnet(0);
    Cell s1 = rotnet(1);
    Cell other = cell(Method.ROTNET, SampleSize.of(10), AugmentationSubset.ALL, 1);
    store.registerSweep("s", "s.conf", List.of(s0, s1, other), T0);

    assertThat(store.cells("s")).extracting(row -> row.settings().variant())
        .containsExactly(s0.id(), s0.id(), cell(Method.ROTNET, SampleSize.of(10),
            AugmentationSubset.ALL, 0).id());
  }

  @Test
  void reRegisteringAddsNewCellsAndKeepsExistingOnes() {
    Cell a = rotnet(0);
    Cell b = rotnet(1);
    store.registerSweep("s", "s.conf", List.of(a), T0);
    store.markStarted(a.id(), 1, "node-1", T0);
    store.recordCompleted(a.id(), 1, "node-1", result(0.5, 0.4), T1);

    assertThat(store.registerSweep("s", "s.conf", List.of(a), T2)).isFalse();
    assertThat(store.registerSweep("s", "moved/s.conf", List.of(b, a), T2)).isTrue();

    assertThat(store.sweep("s").orElseThrow())
        .isEqualTo(new SweepRow("s", "moved/s.conf", T0, new StatusCounts(1, 0, 1, 0, 0)));
    assertThat(store.cells("s")).extracting(CellRow::id).containsExactly(b.id(), a.id());
    assertThat(store.cell(a.id()).orElseThrow().state().status()).isEqualTo(CellStatus.DONE);
    assertThat(store.probes(a.id())).hasSize(2);
  }

  @Test
  void aCellFinishedInOneSweepIsFinishedInEverySweepThatContainsIt() {
    Cell a = rotnet(0);
    Cell shared = rotnet(1);
    Cell c = rotnet(2);
    store.registerSweep("first", "first.conf", List.of(a, shared), T0);
    store.registerSweep("second", "second.conf", List.of(shared, c), T0);

    store.recordCompleted(shared.id(), 1, "node-1", result(0.5), T1);

    assertThat(store.finishedCells("first")).containsExactly(shared.id());
    assertThat(store.finishedCells("second")).containsExactly(shared.id());
    assertThat(store.sweep("second").orElseThrow().counts()).isEqualTo(new StatusCounts(1, 0, 1, 0, 0));
    assertThat(store.finishedCells("unknown")).isEmpty();
  }

  // ---- completion ---------------------------------------------------------------------------

  @Test
  void recordsACompletionWithProbesMetricsAndArtifacts() {
    Cell a = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(a), T0);
    store.markStarted(a.id(), 1, "node-1", T0);

    assertThat(store.recordCompleted(a.id(), 1, "node-1", result(List.of("slow"), 0.61, 0.55), T1))
        .isTrue();

    assertThat(store.cell(a.id()).orElseThrow().state()).isEqualTo(new CellState(CellStatus.DONE,
        1, 1, "node-1", T0, T1, null, 12.5, 3.25, List.of("slow")));
    assertThat(store.probes(a.id())).containsExactly(
        new ProbeRow(a.id(), "conv1", 0, 0.61, 36, 1000),
        new ProbeRow(a.id(), "conv2", 1, 0.55, 36, 2000));
    assertThat(store.probes("s")).hasSize(2);
    assertThat(store.metrics(a.id())).containsExactly(
        new MetricRow(a.id(), 1, "train", 1, 16, "loss", 1.25),
        new MetricRow(a.id(), 1, "train", 2, 32, "loss", Double.NaN));
    assertThat(store.artifacts(a.id())).containsExactly(
        new ArtifactRow(a.id(), "onnx-encoder", "runs/x/encoder.onnx", 4096, "ab".repeat(32)));
  }

  @Test
  void aCellCompletedTwiceIsStoredOnce() {
    Cell a = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(a), T0);
    store.recordCompleted(a.id(), 1, "node-1", result(0.61, 0.55), T1);
    CellState first = store.cell(a.id()).orElseThrow().state();

    boolean second = store.recordCompleted(a.id(), 2, "node-2", result(0.99, 0.99), T2);

    assertThat(second).isFalse();
    assertThat(store.cell(a.id()).orElseThrow().state()).isEqualTo(first);
    assertThat(store.probes(a.id())).extracting(ProbeRow::top1).containsExactly(0.61, 0.55);
    assertThat(store.metrics(a.id())).hasSize(2);
    assertThat(store.artifacts(a.id())).hasSize(1);
  }

  @Test
  void aDoneCellIgnoresLaterStartsFailuresAndInterruptions() {
    Cell a = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(a), T0);
    store.recordCompleted(a.id(), 1, "node-1", result(0.61), T1);
    CellState done = store.cell(a.id()).orElseThrow().state();

    assertThat(store.markStarted(a.id(), 2, "node-2", T2)).isFalse();
    assertThat(store.recordFailed(a.id(), 2, "node-2", "boom", true, T2)).isFalse();
    assertThat(store.markInterrupted(a.id(), 1, T2)).isFalse();
    assertThat(store.interruptRunning("s", T2)).isFalse();

    assertThat(store.cell(a.id()).orElseThrow().state()).isEqualTo(done);
  }

  @Test
  void aFailingCompletionLeavesNoPartialRows() {
    Cell a = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(a), T0);
    store.markStarted(a.id(), 1, "node-1", T0);
    CellState running = store.cell(a.id()).orElseThrow().state();

    // conv1 is valid and is inserted before conv2's NaN is refused by the schema's CHECK.
    assertThatThrownBy(() -> store.recordCompleted(a.id(), 1, "node-1", result(0.61, Double.NaN), T1))
        .isInstanceOf(ResultStoreException.class)
        .hasMessageContaining("CellCompletion of " + a.id());

    assertThat(store.cell(a.id()).orElseThrow().state()).isEqualTo(running);
    assertThat(store.probes(a.id())).isEmpty();
    assertThat(store.metrics(a.id())).isEmpty();
    assertThat(store.artifacts(a.id())).isEmpty();
    assertThat(store.recordCompleted(a.id(), 1, "node-1", result(0.61, 0.5), T1)).isTrue();
    assertThat(store.probes(a.id())).hasSize(2);
  }

  @Test
  void aBatchCommitsItsGoodWritesAndReportsTheFailingOne() {
    Cell a = rotnet(0);
    Cell b = rotnet(1);
    store.registerSweep("s", "s.conf", List.of(a, b), T0);
    List<StoreWrite> writes = List.of(
        new StoreWrite.CellStart(a.id(), 1, "node-1", T0),
        new StoreWrite.CellCompletion(a.id(), 1, "node-1", result(0.5, 1.5), T1),
        new StoreWrite.CellCompletion(b.id(), 1, "node-1", result(0.7), T1),
        new StoreWrite.CellCompletion(b.id(), 1, "node-1", result(0.7), T1));

    List<WriteOutcome> outcomes = store.applyAll(writes);

    assertThat(outcomes).extracting(WriteOutcome::changed).containsExactly(true, false, true, false);
    assertThat(outcomes).extracting(WriteOutcome::failed).containsExactly(false, true, false, false);
    assertThat(store.cell(a.id()).orElseThrow().state().status()).isEqualTo(CellStatus.RUNNING);
    assertThat(store.probes(a.id())).isEmpty();
    assertThat(store.cell(b.id()).orElseThrow().state().status()).isEqualTo(CellStatus.DONE);
  }

  @Test
  void writesForAnUnregisteredCellAreRefused() {
    CellId unknown = rotnet(9).id();

    assertThatThrownBy(() -> store.markStarted(unknown, 1, "node-1", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cell " + unknown + " is not registered: register its sweep before recording"
            + " its progress");
  }

  // ---- attempts, failures, interruptions -----------------------------------------------------

  @Test
  void countsStartsAndIgnoresADuplicateStart() {
    Cell a = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(a), T0);

    assertThat(store.markStarted(a.id(), 1, "node-1", T0)).isTrue();
    assertThat(store.markStarted(a.id(), 1, "node-1", T1)).isFalse();
    assertThat(store.recordFailed(a.id(), 1, "node-1", "CUDA out of memory", false, T1)).isTrue();
    assertThat(store.cell(a.id()).orElseThrow().state()).isEqualTo(new CellState(CellStatus.PENDING,
        1, 1, "node-1", T0, null, "CUDA out of memory", null, null, List.of()));
    assertThat(store.markStarted(a.id(), 2, "node-2", T1)).isTrue();
    assertThat(store.recordFailed(a.id(), 2, "node-2", "diverged", true, T2)).isTrue();
    assertThat(store.recordFailed(a.id(), 2, "node-2", "diverged", true, T2)).isFalse();

    assertThat(store.cell(a.id()).orElseThrow().state()).isEqualTo(new CellState(CellStatus.FAILED,
        2, 2, "node-2", T1, T2, "diverged", null, null, List.of()));
    assertThat(store.finishedCells("s")).isEmpty();
  }

  @Test
  void interruptsOnlyTheRunningAttemptOfACell() {
    Cell a = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(a), T0);
    store.markStarted(a.id(), 2, "node-1", T0);

    assertThat(store.markInterrupted(a.id(), 1, T1)).isFalse();
    assertThat(store.markInterrupted(a.id(), 2, T1)).isTrue();

    CellState state = store.cell(a.id()).orElseThrow().state();
    assertThat(state.status()).isEqualTo(CellStatus.INTERRUPTED);
    assertThat(state.finishedAt()).isEqualTo(T1);
    assertThat(store.markStarted(a.id(), 1, "node-1", T2)).isTrue();
    assertThat(store.cell(a.id()).orElseThrow().state().attempts()).isEqualTo(2);
  }

  @Test
  void interruptsTheRunningCellsOfOneSweepOnly() {
    Cell running = rotnet(0);
    Cell pending = rotnet(1);
    Cell elsewhere = rotnet(2);
    store.registerSweep("s", "s.conf", List.of(running, pending), T0);
    store.registerSweep("other", "o.conf", List.of(elsewhere), T0);
    store.markStarted(running.id(), 1, "node-1", T0);
    store.markStarted(elsewhere.id(), 1, "node-1", T0);

    assertThat(store.interruptRunning("s", T1)).isTrue();

    assertThat(store.cells("s")).extracting(row -> row.state().status())
        .containsExactly(CellStatus.INTERRUPTED, CellStatus.PENDING);
    assertThat(store.cell(elsewhere.id()).orElseThrow().state().status()).isEqualTo(CellStatus.RUNNING);
    assertThat(store.interruptRunning("s", T1)).isFalse();
  }

  // ---- cluster submissions and result uniqueness --------------------------------------------

  @Test
  void submittedSpecsStayOpenUntilClosedAndAResubmissionReopensThem() {
    assertThat(store.submitSpec("a", "a.conf", "sweep.name = a", T0)).isTrue();
    assertThat(store.submitSpec("b", "b.conf", "sweep.name = b", T1)).isTrue();
    assertThat(store.submitSpec("a", "a.conf", "sweep.name = a", T2)).isFalse();
    assertThat(store.openSubmissions()).extracting(SubmittedSpec::sweep).containsExactly("a", "b");

    assertThat(store.closeSpec("a", T2)).isTrue();
    assertThat(store.closeSpec("a", T2)).isFalse();
    assertThat(store.openSubmissions()).extracting(SubmittedSpec::sweep).containsExactly("b");

    assertThat(store.submitSpec("a", "a2.conf", "sweep.name = a\nseeds = 2", T2)).isTrue();
    assertThat(store.openSubmissions()).containsExactly(
        new SubmittedSpec("b", "b.conf", "sweep.name = b", T1),
        new SubmittedSpec("a", "a2.conf", "sweep.name = a\nseeds = 2", T2));
  }

  @Test
  void theDatabaseRefusesASecondResultForACellWhateverItsAttempt() throws SQLException {
    Cell cell = rotnet(0);
    store.registerSweep("s", "s.conf", List.of(cell), T0);
    store.markStarted(cell.id(), 1, "node-1", T0);
    store.markStarted(cell.id(), 2, "node-2", T1);
    assertThat(store.recordCompleted(cell.id(), 2, "node-2", result(0.7), T1)).isTrue();

    // the late result of the attempt whose lease was taken over
    assertThat(store.recordCompleted(cell.id(), 1, "node-1", result(0.1), T2)).isFalse();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement("INSERT INTO cell_results"
            + " (cell_id, attempt, node, stored_at) VALUES (?, 1, 'node-1', CURRENT_TIMESTAMP)")) {
      ps.setString(1, cell.id().value());
      assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
          .hasMessageContaining("primary key violation");
    }
    assertThat(query("SELECT attempt, node FROM cell_results"))
        .containsExactly(List.of("2", "node-2"));
    assertThat(store.probes(cell.id())).extracting(ProbeRow::top1).containsExactly(0.7);
  }

  @Test
  void aClosedStoreSaysSo() {
    store.close();

    assertThatThrownBy(() -> store.sweeps()).isInstanceOf(ResultStoreException.class)
        .hasMessageEndingWith("is closed");
    store = ResultStores.openUrl(SampleCells.memoryUrl());
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeUpdate();
    }
  }

  private List<List<String>> query(String sql) throws SQLException {
    return SqlRows.query(url, sql);
  }
}
