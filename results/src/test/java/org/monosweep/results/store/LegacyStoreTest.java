package org.monosweep.results.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.monosweep.results.SampleCells.result;
import static org.monosweep.results.SampleCells.rotnet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores written by the migrator monosweep had before Flyway (real H2 files, see
 * {@code legacy-stores/README.md}): Flyway takes them over at their recorded version, applies
 * only what is newer, and keeps their data.
 */
class LegacyStoreTest {
  private static final Instant LATER = Instant.parse("2025-03-02T10:00:00Z");

  @TempDir Path runs;

  @Test
  void aVersionTwoStoreFromBeforeFlywayOpensAtVersionTwoWithItsDataAndRunsNoScriptAgain()
      throws Exception {
    Path db = copy("schema-v2");

    try (ResultStore store = ResultStores.openFile(db)) {
      assertThat(store.schemaVersion()).isEqualTo(2);
      assertThat(store.finishedCells("legacy")).containsExactly(rotnet(0).id());
      assertThat(store.probes(rotnet(0).id())).extracting(ProbeRow::top1)
          .containsExactly(0.61, 0.55);
      assertThat(store.recordCompleted(rotnet(0).id(), 2, "node-2", result(0.9), LATER))
          .isFalse();
    }
    assertThat(query(db, "SELECT \"version\", \"type\" FROM \"flyway_schema_history\""
        + " WHERE \"version\" IS NOT NULL"))
        .containsExactly(List.of("2", "BASELINE"));
    assertThat(query(db, "SELECT MAX(version) FROM schema_version"))
        .containsExactly(List.of("2"));
  }

  @Test
  void aVersionOneStoreFromBeforeFlywayGetsVersionTwoAndItsDoneCellIsClaimed() throws Exception {
    Path db = copy("schema-v1");

    try (ResultStore store = ResultStores.openFile(db)) {
      assertThat(store.schemaVersion()).isEqualTo(2);
      assertThat(store.finishedCells("legacy")).containsExactly(rotnet(0).id());
      assertThat(store.recordCompleted(rotnet(0).id(), 2, "node-2", result(0.9), LATER))
          .isFalse();
    }
    assertThat(query(db, "SELECT \"version\", \"type\" FROM \"flyway_schema_history\""
        + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""))
        .containsExactly(List.of("1", "BASELINE"), List.of("2", "SQL"));
    assertThat(query(db, "SELECT cell_id, attempt, node FROM cell_results"))
        .containsExactly(List.of(rotnet(0).id().value(), "1", "node-1"));
  }

  @Test
  void aStoreFromBeforeFlywayOfANewerVersionIsRefusedAndLeftAsItWas() throws Exception {
    Path db = copy("schema-v2");
    execute(db, "INSERT INTO schema_version (version, description, script)"
        + " VALUES (3, 'notes', 'db/migration/V3__notes.sql')");

    assertThatThrownBy(() -> ResultStores.openFile(db))
        .isInstanceOf(ResultStoreException.class)
        .hasMessageContaining("has schema version 3, newer than version 2")
        .hasMessageContaining("written by a newer monosweep");
    assertThat(query(db, "SELECT COUNT(*) FROM information_schema.tables"
        + " WHERE table_name = 'flyway_schema_history'")).containsExactly(List.of("0"));
  }

  /** Copies fixture {@code name}.mv.db into the test's folder; returns the path H2 wants. */
  private Path copy(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/legacy-stores/" + name + ".mv.db")) {
      assertThat(in).as("fixture %s", name).isNotNull();
      Files.copy(in, runs.resolve(name + ".mv.db"));
    }
    return runs.resolve(name);
  }

  private static String url(Path db) {
    return "jdbc:h2:file:" + db.toAbsolutePath();
  }

  private static void execute(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(db));
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeUpdate();
    }
  }

  private static List<List<String>> query(Path db, String sql) throws SQLException {
    return SqlRows.query(url(db), sql);
  }
}
