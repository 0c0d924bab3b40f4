package org.monosweep.results.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Method;
import org.monosweep.spec.SampleSize;

/**
 * The H2 {@link ResultStore}: one JDBC connection with auto-commit off, every public method
 * {@code synchronized} on the store, so calls are serialised and each write is one transaction
 * (or one savepoint of a batch transaction).
 */
final class JdbcResultStore implements ResultStore {

  /** Longer failure reasons are cut: a stack trace belongs in the log, not in the report. */
  private static final int MAX_REASON_CHARS = 4000;

  private static final String CELL_COLUMNS = "c.cell_id, c.variant_id, c.settings, c.method, c.n,"
      + " c.augmentation, c.seed, c.source, c.encoder, c.dataset, c.dataset_path, c.status,"
      + " c.attempt, c.attempts, c.node, c.started_at, c.finished_at, c.failure_reason,"
      + " c.train_seconds, c.probe_seconds, c.flags";

  private final String url;
  private final Connection connection;
  private final int schemaVersion;
  private boolean closed;

  private JdbcResultStore(String url, Connection connection, int schemaVersion) {
    this.url = url;
    this.connection = connection;
    this.schemaVersion = schemaVersion;
  }

  /** Connects to {@code url} and brings its schema up to date with {@code migrator}. */
  static JdbcResultStore open(String url, SchemaMigrator migrator) {
    Connection connection;
    try {
      connection = DriverManager.getConnection(url);
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new ResultStoreException("results database " + url
            + " is in use by another process: is another monosweep running on this runs folder?", e);
      }
      throw new ResultStoreException("cannot open results database " + url + ": " + e.getMessage(), e);
    }
    try {
      connection.setAutoCommit(false);
      int version = migrator.migrate(url, connection);
      return new JdbcResultStore(url, connection, version);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new ResultStoreException("cannot prepare results database " + url + ": " + e.getMessage(), e);
    }
  }

  // ---- writes -------------------------------------------------------------------------------

  @Override
  public synchronized boolean apply(StoreWrite write) {
    ensureOpen();
    try {
      boolean changed = dispatch(write);
      connection.commit();
      return changed;
    } catch (SQLException e) {
      rollbackAfter(e);
      throw new ResultStoreException(describe(write) + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      rollbackAfter(e);
      throw e;
    }
  }

  @Override
  public synchronized List<WriteOutcome> applyAll(List<? extends StoreWrite> writes) {
    ensureOpen();
    List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
    try {
      for (StoreWrite write : writes) {
        Savepoint savepoint = connection.setSavepoint();
        try {
          outcomes.add(WriteOutcome.applied(write, dispatch(write)));
        } catch (SQLException e) {
          connection.rollback(savepoint);
          outcomes.add(WriteOutcome.failed(write,
              new ResultStoreException(describe(write) + " failed: " + e.getMessage(), e)));
        } catch (RuntimeException e) {
          connection.rollback(savepoint);
          outcomes.add(WriteOutcome.failed(write, e));
        }
      }
      connection.commit();
      return outcomes;
    } catch (SQLException e) {
      rollbackAfter(e);
      throw new ResultStoreException("a batch of " + writes.size() + " writes failed to commit: "
          + e.getMessage(), e);
    }
  }

  private boolean dispatch(StoreWrite write) throws SQLException {
    if (write instanceof StoreWrite.SweepRegistration r) {
      return register(r);
    } else if (write instanceof StoreWrite.SweepInterruption i) {
      return interruptSweep(i);
    } else if (write instanceof StoreWrite.CellStart s) {
      return start(s);
    } else if (write instanceof StoreWrite.CellCompletion c) {
      return complete(c);
    } else if (write instanceof StoreWrite.CellFailure f) {
      return fail(f);
    } else if (write instanceof StoreWrite.CellInterruption i) {
      return interruptCell(i);
    } else if (write instanceof StoreWrite.SpecSubmission s) {
      return submitSpec(s);
    } else if (write instanceof StoreWrite.SpecCompletion c) {
      return closeSpec(c);
    }
    throw new IllegalArgumentException("unknown write " + write);
  }

  private boolean register(StoreWrite.SweepRegistration r) throws SQLException {
    boolean changed = upsertSweep(r);
    Set<CellId> seen = new HashSet<>();
    List<Cell> newCells = new ArrayList<>();
    for (Cell cell : r.cells()) {
      if (seen.add(cell.id()) && currentState(cell.id()).isEmpty()) {
        newCells.add(cell);
      }
    }
    if (!newCells.isEmpty()) {
      insertCells(newCells);
      changed = true;
    }
    return placeCells(r.sweep(), r.cells()) || changed;
  }

  private boolean upsertSweep(StoreWrite.SweepRegistration r) throws SQLException {
    Optional<String> origin = Optional.empty();
    try (PreparedStatement ps = connection.prepareStatement("SELECT origin FROM sweeps WHERE name = ?")) {
      ps.setString(1, r.sweep());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          origin = Optional.of(rs.getString(1));
        }
      }
    }
    if (origin.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO sweeps (name, origin, created) VALUES (?, ?, ?)")) {
        ps.setString(1, r.sweep());
        ps.setString(2, r.origin());
        ps.setObject(3, time(r.at()));
        ps.executeUpdate();
      }
      return true;
    }
    if (origin.get().equals(r.origin())) {
      return false;
    }
    try (PreparedStatement ps = connection.prepareStatement("UPDATE sweeps SET origin = ? WHERE name = ?")) {
      ps.setString(1, r.origin());
      ps.setString(2, r.sweep());
      ps.executeUpdate();
    }
    return true;
  }

  private void insertCells(List<Cell> cells) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO cells (cell_id, variant_id,"
        + " settings, method, n, augmentation, seed, source, encoder, dataset, dataset_path)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Cell cell : cells) {
        ps.setString(1, cell.id().value());
        ps.setString(2, variantOf(cell).value());
        ps.setString(3, CellJson.write(cell));
        ps.setString(4, cell.method().label());
        ps.setInt(5, cell.n().count());
        ps.setString(6, cell.augmentation().label());
        ps.setLong(7, cell.seed());
        ps.setString(8, cell.source());
        ps.setString(9, cell.encoder().label());
        ps.setString(10, cell.dataset().kind().label());
        ps.setString(11, cell.dataset().path());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The id the cell's settings have with seed 0: shared by cells that differ only by seed. */
  private static CellId variantOf(Cell cell) {
    return Cell.of(cell.method(), cell.n(), cell.augmentation(), 0L, cell.dataset(), cell.source(),
        cell.encoder(), cell.budget(), cell.probe(), cell.params()).id();
  }

  /** Adds missing memberships and moves existing ones to the grid's current order. */
  private boolean placeCells(String sweep, List<Cell> cells) throws SQLException {
    Map<CellId, Integer> positions = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT cell_id, position FROM sweep_cells WHERE sweep = ?")) {
      ps.setString(1, sweep);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          positions.put(new CellId(rs.getString(1)), rs.getInt(2));
        }
      }
    }
    boolean changed = false;
    Set<CellId> seen = new HashSet<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "MERGE INTO sweep_cells (sweep, cell_id, position) KEY (sweep, cell_id) VALUES (?, ?, ?)")) {
      for (int i = 0; i < cells.size(); i++) {
        CellId id = cells.get(i).id();
        Integer known = positions.get(id);
        if (seen.add(id) && (known == null || known != i)) {
          ps.setString(1, sweep);
          ps.setString(2, id.value());
          ps.setInt(3, i);
          ps.addBatch();
          changed = true;
        }
      }
      ps.executeBatch();
    }
    return changed;
  }

  private boolean interruptSweep(StoreWrite.SweepInterruption i) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("UPDATE cells SET status = 'INTERRUPTED',"
        + " finished_at = ? WHERE status = 'RUNNING'"
        + " AND cell_id IN (SELECT cell_id FROM sweep_cells WHERE sweep = ?)")) {
      ps.setObject(1, time(i.at()));
      ps.setString(2, i.sweep());
      return ps.executeUpdate() > 0;
    }
  }

  private boolean start(StoreWrite.CellStart s) throws SQLException {
    Current current = requireState(s.cellId());
    if (current.status() == CellStatus.DONE
        || (current.status() == CellStatus.RUNNING && current.attempt() == s.attempt())) {
      return false;
    }
    try (PreparedStatement ps = connection.prepareStatement("UPDATE cells SET status = 'RUNNING',"
        + " attempt = ?, attempts = attempts + 1, node = ?, started_at = ?, finished_at = NULL"
        + " WHERE cell_id = ?")) {
      ps.setInt(1, s.attempt());
      ps.setString(2, s.node());
      ps.setObject(3, time(s.at()));
      ps.setString(4, s.cellId().value());
      ps.executeUpdate();
    }
    return true;
  }

  private boolean complete(StoreWrite.CellCompletion c) throws SQLException {
    if (requireState(c.cellId()).status() == CellStatus.DONE) {
      return false;
    }
    CellResult result = c.result();
    // The status goes first and the rows after it: if any row is refused, the rollback also
    // takes the status back, so a cell is never DONE with half its probes.
    try (PreparedStatement ps = connection.prepareStatement("UPDATE cells SET status = 'DONE',"
        + " attempt = ?, attempts = GREATEST(attempts, 1), node = ?, finished_at = ?,"
        + " train_seconds = ?, probe_seconds = ?, flags = ? WHERE cell_id = ?")) {
      ps.setInt(1, c.attempt());
      ps.setString(2, c.node());
      ps.setObject(3, time(c.at()));
      ps.setDouble(4, result.trainSeconds());
      ps.setDouble(5, result.probeSeconds());
      ps.setArray(6, connection.createArrayOf("CHARACTER VARYING", result.flags().toArray()));
      ps.setString(7, c.cellId().value());
      ps.executeUpdate();
    }
    claimResult(c);
    insertProbes(c.cellId(), result.probes());
    insertMetrics(c.cellId(), c.attempt(), result.metrics());
    insertArtifacts(c.cellId(), result.artifacts());
    return true;
  }

  /**
   * One row per cell: a second result for the cell violates the primary key, so the database
   * refuses it even if a caller skipped the status check above.
   */
  private void claimResult(StoreWrite.CellCompletion c) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO cell_results (cell_id, attempt, node, stored_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, c.cellId().value());
      ps.setInt(2, Math.max(1, c.attempt()));
      ps.setString(3, c.node());
      ps.setObject(4, time(c.at()));
      ps.executeUpdate();
    }
  }

  private boolean submitSpec(StoreWrite.SpecSubmission s) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT spec_text, finished FROM"
        + " sweep_specs WHERE sweep = ?")) {
      ps.setString(1, s.sweep());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getString(1).equals(s.specText()) && rs.getObject(2) == null) {
          return false;
        }
      }
    }
    try (PreparedStatement ps = connection.prepareStatement("MERGE INTO sweep_specs (sweep, origin,"
        + " spec_text, submitted, finished) KEY (sweep) VALUES (?, ?, ?, ?, NULL)")) {
      ps.setString(1, s.sweep());
      ps.setString(2, s.origin());
      ps.setString(3, s.specText());
      ps.setObject(4, time(s.at()));
      ps.executeUpdate();
    }
    return true;
  }

  private boolean closeSpec(StoreWrite.SpecCompletion c) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE sweep_specs SET finished = ? WHERE sweep = ? AND finished IS NULL")) {
      ps.setObject(1, time(c.at()));
      ps.setString(2, c.sweep());
      return ps.executeUpdate() > 0;
    }
  }

  private void insertProbes(CellId cellId, List<CellResult.ProbeAccuracy> probes) throws SQLException {
    if (probes.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO probe_results"
        + " (cell_id, layer, layer_index, top1, epochs, feature_dim) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < probes.size(); i++) {
        CellResult.ProbeAccuracy p = probes.get(i);
        ps.setString(1, cellId.value());
        ps.setString(2, p.layer());
        ps.setInt(3, i);
        ps.setDouble(4, p.top1());
        ps.setInt(5, p.epochs());
        ps.setInt(6, p.featureDim());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void insertMetrics(CellId cellId, int attempt, List<CellResult.EpochMetric> metrics)
      throws SQLException {
    if (metrics.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO metrics"
        + " (cell_id, attempt, phase, epoch, step, name, metric_value) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (CellResult.EpochMetric m : metrics) {
        ps.setString(1, cellId.value());
        ps.setInt(2, attempt);
        ps.setString(3, m.phase());
        ps.setInt(4, m.epoch());
        ps.setLong(5, m.step());
        ps.setString(6, m.name());
        ps.setDouble(7, m.value());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void insertArtifacts(CellId cellId, List<CellResult.ArtifactRef> artifacts)
      throws SQLException {
    if (artifacts.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO artifacts"
        + " (cell_id, kind, path, size_bytes, sha256) VALUES (?, ?, ?, ?, ?)")) {
      for (CellResult.ArtifactRef a : artifacts) {
        ps.setString(1, cellId.value());
        ps.setString(2, a.kind());
        ps.setString(3, a.path());
        ps.setLong(4, a.sizeBytes());
        ps.setString(5, a.sha256());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private boolean fail(StoreWrite.CellFailure f) throws SQLException {
    Current current = requireState(f.cellId());
    CellStatus target = f.finalFailure() ? CellStatus.FAILED : CellStatus.PENDING;
    String reason = f.reason().length() > MAX_REASON_CHARS
        ? f.reason().substring(0, MAX_REASON_CHARS) + "..." : f.reason();
    if (current.status() == CellStatus.DONE
        || (current.status() == target && current.attempt() == f.attempt()
            && reason.equals(current.failureReason()))) {
      return false;
    }
    try (PreparedStatement ps = connection.prepareStatement("UPDATE cells SET status = ?,"
        + " attempt = ?, attempts = GREATEST(attempts, 1), node = ?, finished_at = ?,"
        + " failure_reason = ? WHERE cell_id = ?")) {
      ps.setString(1, target.name());
      ps.setInt(2, f.attempt());
      ps.setString(3, f.node());
      ps.setObject(4, f.finalFailure() ? time(f.at()) : null);
      ps.setString(5, reason);
      ps.setString(6, f.cellId().value());
      ps.executeUpdate();
    }
    return true;
  }

  private boolean interruptCell(StoreWrite.CellInterruption i) throws SQLException {
    Current current = requireState(i.cellId());
    if (current.status() != CellStatus.RUNNING || current.attempt() != i.attempt()) {
      return false;
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE cells SET status = 'INTERRUPTED', finished_at = ? WHERE cell_id = ?")) {
      ps.setObject(1, time(i.at()));
      ps.setString(2, i.cellId().value());
      ps.executeUpdate();
    }
    return true;
  }

  /** The part of a cell's state the write rules look at. */
  private record Current(CellStatus status, int attempt, String failureReason) {}

  private Optional<Current> currentState(CellId cellId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT status, attempt, failure_reason FROM cells WHERE cell_id = ?")) {
      ps.setString(1, cellId.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Current(CellStatus.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3)))
            : Optional.empty();
      }
    }
  }

  private Current requireState(CellId cellId) throws SQLException {
    return currentState(cellId).orElseThrow(() -> new IllegalArgumentException("cell " + cellId
        + " is not registered: register its sweep before recording its progress"));
  }

  // ---- reads --------------------------------------------------------------------------------

  @Override
  public synchronized List<SubmittedSpec> openSubmissions() {
    ensureOpen();
    return read("SELECT sweep, origin, spec_text, submitted FROM sweep_specs"
        + " WHERE finished IS NULL ORDER BY submitted, sweep", ps -> { }, rs -> {
          List<SubmittedSpec> specs = new ArrayList<>();
          while (rs.next()) {
            specs.add(new SubmittedSpec(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant()));
          }
          return List.copyOf(specs);
        });
  }

  @Override
  public synchronized List<SweepRow> sweeps() {
    return new ArrayList<>(readSweeps(null).values());
  }

  @Override
  public synchronized Optional<SweepRow> sweep(String name) {
    return Optional.ofNullable(readSweeps(name).get(name));
  }

  private Map<String, SweepRow> readSweeps(String onlyName) {
    ensureOpen();
    String sql = "SELECT s.name, s.origin, s.created, c.status, COUNT(c.cell_id)"
        + " FROM sweeps s LEFT JOIN sweep_cells sc ON sc.sweep = s.name"
        + " LEFT JOIN cells c ON c.cell_id = sc.cell_id"
        + (onlyName == null ? "" : " WHERE s.name = ?")
        + " GROUP BY s.name, s.origin, s.created, c.status ORDER BY s.created, s.name";
    return read(sql, ps -> {
      if (onlyName != null) {
        ps.setString(1, onlyName);
      }
    }, rs -> {
      Map<String, SweepRow> sweeps = new LinkedHashMap<>();
      while (rs.next()) {
        String name = rs.getString(1);
        SweepRow row = sweeps.get(name);
        if (row == null) {
          OffsetDateTime created = rs.getObject(3, OffsetDateTime.class);
          row = new SweepRow(name, rs.getString(2), created.toInstant(), StatusCounts.NONE);
        }
        String status = rs.getString(4);
        if (status != null) {
          row = new SweepRow(row.name(), row.origin(), row.created(),
              row.counts().with(CellStatus.valueOf(status), rs.getInt(5)));
        }
        sweeps.put(name, row);
      }
      return sweeps;
    });
  }

  @Override
  public synchronized Set<CellId> finishedCells(String sweep) {
    ensureOpen();
    return read("SELECT c.cell_id FROM sweep_cells sc JOIN cells c ON c.cell_id = sc.cell_id"
        + " WHERE sc.sweep = ? AND c.status = 'DONE' ORDER BY sc.position",
        ps -> ps.setString(1, sweep), rs -> {
          Set<CellId> ids = new LinkedHashSet<>();
          while (rs.next()) {
            ids.add(new CellId(rs.getString(1)));
          }
          return Set.copyOf(ids);
        });
  }

  @Override
  public synchronized List<CellRow> cells(String sweep) {
    ensureOpen();
    return read("SELECT " + CELL_COLUMNS + " FROM sweep_cells sc JOIN cells c ON c.cell_id = sc.cell_id"
        + " WHERE sc.sweep = ? ORDER BY sc.position, c.cell_id", ps -> ps.setString(1, sweep), rs -> {
          List<CellRow> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(cellRow(rs));
          }
          return List.copyOf(rows);
        });
  }

  @Override
  public synchronized Optional<CellRow> cell(CellId cellId) {
    ensureOpen();
    return read("SELECT " + CELL_COLUMNS + " FROM cells c WHERE c.cell_id = ?",
        ps -> ps.setString(1, cellId.value()),
        rs -> rs.next() ? Optional.of(cellRow(rs)) : Optional.empty());
  }

  private static CellRow cellRow(ResultSet rs) throws SQLException {
    CellSettings settings = new CellSettings(
        Method.parse(rs.getString("method")),
        rs.getInt("n") == SampleSize.FULL.count() ? SampleSize.FULL : SampleSize.of(rs.getInt("n")),
        AugmentationSubset.parse(rs.getString("augmentation")),
        rs.getLong("seed"),
        new DatasetRef(DatasetKind.parse(rs.getString("dataset")), rs.getString("dataset_path")),
        rs.getString("source"),
        EncoderKind.parse(rs.getString("encoder")),
        new CellId(rs.getString("variant_id")),
        rs.getString("settings"));
    List<String> flags = new ArrayList<>();
    Array array = rs.getArray("flags");
    if (array != null) {
      for (Object flag : (Object[]) array.getArray()) {
        flags.add((String) flag);
      }
    }
    CellState state = new CellState(
        CellStatus.valueOf(rs.getString("status")),
        rs.getInt("attempt"),
        rs.getInt("attempts"),
        rs.getString("node"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getString("failure_reason"),
        rs.getObject("train_seconds", Double.class),
        rs.getObject("probe_seconds", Double.class),
        flags);
    return new CellRow(new CellId(rs.getString("cell_id")), settings, state);
  }

  @Override
  public synchronized List<ProbeRow> probes(String sweep) {
    ensureOpen();
    return read("SELECT p.cell_id, p.layer, p.layer_index, p.top1, p.epochs, p.feature_dim"
        + " FROM probe_results p JOIN sweep_cells sc ON sc.cell_id = p.cell_id"
        + " WHERE sc.sweep = ? ORDER BY sc.position, p.cell_id, p.layer_index",
        ps -> ps.setString(1, sweep), JdbcResultStore::probeRows);
  }

  @Override
  public synchronized List<ProbeRow> probes(CellId cellId) {
    ensureOpen();
    return read("SELECT p.cell_id, p.layer, p.layer_index, p.top1, p.epochs, p.feature_dim"
        + " FROM probe_results p WHERE p.cell_id = ? ORDER BY p.layer_index",
        ps -> ps.setString(1, cellId.value()), JdbcResultStore::probeRows);
  }

  private static List<ProbeRow> probeRows(ResultSet rs) throws SQLException {
    List<ProbeRow> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(new ProbeRow(new CellId(rs.getString(1)), rs.getString(2), rs.getInt(3),
          rs.getDouble(4), rs.getInt(5), rs.getInt(6)));
    }
    return List.copyOf(rows);
  }

  @Override
  public synchronized List<MetricRow> metrics(CellId cellId) {
    ensureOpen();
    return read("SELECT cell_id, attempt, phase, epoch, step, name, metric_value FROM metrics"
        + " WHERE cell_id = ? ORDER BY id", ps -> ps.setString(1, cellId.value()), rs -> {
          List<MetricRow> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(new MetricRow(new CellId(rs.getString(1)), rs.getInt(2), rs.getString(3),
                rs.getInt(4), rs.getLong(5), rs.getString(6), rs.getDouble(7)));
          }
          return List.copyOf(rows);
        });
  }

  @Override
  public synchronized List<ArtifactRow> artifacts(CellId cellId) {
    ensureOpen();
    return read("SELECT cell_id, kind, path, size_bytes, sha256 FROM artifacts WHERE cell_id = ?"
        + " ORDER BY id", ps -> ps.setString(1, cellId.value()), rs -> {
          List<ArtifactRow> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(new ArtifactRow(new CellId(rs.getString(1)), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getString(5)));
          }
          return List.copyOf(rows);
        });
  }

  @Override
  public synchronized int schemaVersion() {
    ensureOpen();
    return schemaVersion;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      throw new ResultStoreException("closing results database " + url + " failed: " + e.getMessage(), e);
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** Sets a prepared statement's parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Maps a whole result set. */
  @FunctionalInterface
  private interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs a query and ends the read transaction, so the connection holds no snapshot between calls. */
  private <T> T read(String sql, Binder binder, Mapper<T> mapper) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      T result;
      try (ResultSet rs = ps.executeQuery()) {
        result = mapper.map(rs);
      }
      connection.commit();
      return result;
    } catch (SQLException e) {
      rollbackAfter(e);
      throw new ResultStoreException("reading results database " + url + " failed: " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new ResultStoreException("results store " + url + " is closed");
    }
  }

  private void rollbackAfter(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static String describe(StoreWrite write) {
    return write.getClass().getSimpleName() + " of " + write.target();
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
