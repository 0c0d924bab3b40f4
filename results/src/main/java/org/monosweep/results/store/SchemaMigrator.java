package org.monosweep.results.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;

/**
 * Brings a database's schema to the version this code knows with Flyway: versioned SQL scripts
 * {@code V<n>__<description>.sql} in classpath folders, applied in order and recorded (with
 * their checksums) in Flyway's {@code flyway_schema_history} table. A database with a version
 * above the newest script was written by a newer monosweep and is refused rather than misread.
 *
 * <p>Stores made before Flyway recorded their version in a table {@code schema_version} of
 * their own. Flyway takes such a store over at that version (its baseline) and applies only the
 * scripts after it; the old table is left as it was.
 *
 * <p>H2 commits each DDL statement on its own, so a script is not atomic; scripts are written to
 * be re-runnable ({@code IF NOT EXISTS}), and Flyway records a script only once it has run.
 */
final class SchemaMigrator {
  /** Where the scripts shipped with this code live on the classpath. */
  static final String BUNDLED_FOLDER = "db/migration";
  /** The version table of the stores made before Flyway (H2 upper-cases unquoted names). */
  static final String LEGACY_TABLE = "SCHEMA_VERSION";
  /** Flyway's history table, under its default name, which Flyway quotes in lower case. */
  static final String HISTORY_TABLE = "flyway_schema_history";
  /** H2's default user, which monosweep's databases are created with. */
  private static final String H2_DEFAULT_USER = "";

  private final List<String> folders;
  private final MigrationVersion target;

  private SchemaMigrator(List<String> folders, MigrationVersion target) {
    this.folders = List.copyOf(folders);
    this.target = target;
  }

  /** The migrator for the scripts shipped in {@code db/migration/}. */
  static SchemaMigrator bundled() {
    return of(BUNDLED_FOLDER);
  }

  /** A migrator for the scripts in the given classpath folders, taken together. */
  static SchemaMigrator of(String... folders) {
    return new SchemaMigrator(Arrays.asList(folders), MigrationVersion.LATEST);
  }

  /** This migrator stopping at {@code version}: how tests make a store of an older schema. */
  SchemaMigrator upTo(int version) {
    return new SchemaMigrator(folders, MigrationVersion.fromVersion(Integer.toString(version)));
  }

  /**
   * Creates or migrates the schema of the database at {@code url}, on connections of its own.
   * {@code connection} is the store's, to the same database: it only reads whether the store
   * predates Flyway, and is left with nothing uncommitted.
   *
   * @return the schema version now in force
   * @throws ResultStoreException if the database is newer than the code, its recorded scripts
   *     differ from the shipped ones, or a script fails
   */
  int migrate(String url, Connection connection) throws SQLException {
    int legacyVersion = legacyVersion(connection);
    connection.commit();
    FluentConfiguration configuration = Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(url, H2_DEFAULT_USER, "")
        .locations(folders.stream().map(folder -> "classpath:" + folder).toArray(String[]::new))
        .table(HISTORY_TABLE)
        .target(target)
        .cleanDisabled(true)
        // left to choose, Flyway logs through java.util.logging, which prints on the terminal
        .loggers("slf4j")
        .failOnMissingLocations(true);
    if (legacyVersion > 0) {
      configuration.baselineOnMigrate(true)
          .baselineVersion(Integer.toString(legacyVersion))
          .baselineDescription("schema_version " + legacyVersion + " before Flyway");
    }
    Flyway flyway = configuration.load();
    try {
      MigrationInfoService info = flyway.info();
      int known = latestKnown(info);
      int recorded = Math.max(legacyVersion, newestApplied(info));
      if (recorded > known) {
        throw new ResultStoreException("results database " + url + " has schema version "
            + recorded + ", newer than version " + known + " that this monosweep understands:"
            + " it was written by a newer monosweep. Run that version, or point this one at"
            + " another runs folder.");
      }
      flyway.migrate();
      return newestApplied(flyway.info());
    } catch (FlywayValidateException e) {
      throw new ResultStoreException("migrating results database " + url + " failed: "
          + oneLine(e.getMessage()) + ". The scripts it recorded differ from this monosweep's:"
          + " open it with the monosweep that made it, or point this one at another runs"
          + " folder.", e);
    } catch (FlywayException e) {
      throw new ResultStoreException("migrating results database " + url + " failed: "
          + oneLine(e.getMessage()), e);
    }
  }

  /** The version a pre-Flyway store recorded, 0 when there is none (or Flyway took over). */
  static int legacyVersion(Connection connection) throws SQLException {
    if (!hasTable(connection, LEGACY_TABLE) || hasTable(connection, HISTORY_TABLE)) {
      return 0;
    }
    try (PreparedStatement ps = connection.prepareStatement(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Whether the connection's schema has a table of exactly this name (case included). */
  private static boolean hasTable(Connection connection, String name) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    try (ResultSet tables = metaData.getTables(null, connection.getSchema(), name, null)) {
      return tables.next();
    }
  }

  private static int latestKnown(MigrationInfoService info) {
    int latest = 0;
    for (MigrationInfo migration : info.all()) {
      if (migration.getVersion() != null && migration.getState().isResolved()) {
        latest = Math.max(latest, asInt(migration.getVersion()));
      }
    }
    return latest;
  }

  /** The newest version recorded as applied or as the baseline, future ones included. */
  private static int newestApplied(MigrationInfoService info) {
    int newest = 0;
    for (MigrationInfo migration : info.applied()) {
      if (migration.getVersion() != null && migration.getState() != MigrationState.FAILED) {
        newest = Math.max(newest, asInt(migration.getVersion()));
      }
    }
    return newest;
  }

  private static int asInt(MigrationVersion version) {
    return version.getMajor().intValueExact();
  }

  /**
   * Flyway's multi-line message on one line, less its advice, which is about Flyway's own
   * command line ({@code repair}) and web pages rather than what a monosweep user can do.
   */
  private static String oneLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    return message.lines().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("Either revert")
            && !line.startsWith("Need more flexibility"))
        .collect(Collectors.joining(" "));
  }
}
