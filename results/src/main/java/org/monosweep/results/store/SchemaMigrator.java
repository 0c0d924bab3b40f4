package org.monosweep.results.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database's schema to the version this code knows, Flyway-style: versioned SQL scripts
 * {@code V<n>__<description>.sql} on the classpath, applied in order, each recorded in a
 * {@code schema_version} table. A database with a version above the newest script was written by
 * a newer monosweep and is refused rather than misread.
 *
 * <p>H2 commits each DDL statement on its own, so a script is not atomic; scripts are written to
 * be re-runnable ({@code IF NOT EXISTS}) and the version row is written last, so a crash halfway
 * re-runs the script on the next open.
 */
final class SchemaMigrator {

  /** The scripts shipped with this code, in version order. A new script is added here. */
  private static final List<String> BUNDLED_SCRIPTS = List.of("db/migration/V1__cells.sql",
      "db/migration/V2__cluster.sql");
  private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

  /**
   * One versioned script.
   *
   * @param version its version, 1 for the first
   * @param description the part of the name after {@code __}
   * @param resource its classpath resource name
   */
  record Migration(int version, String description, String resource) {}

  private final List<Migration> migrations;

  private SchemaMigrator(List<Migration> migrations) {
    this.migrations = List.copyOf(migrations);
  }

  /** The migrator for the scripts in {@code db/migration/}. */
  static SchemaMigrator bundled() {
    return of(BUNDLED_SCRIPTS);
  }

  /**
   * A migrator for the given classpath resources, in version order; versions must run 1, 2, 3, ...
   *
   * @throws IllegalArgumentException for a badly named script or a gap in the versions
   */
  static SchemaMigrator of(List<String> resources) {
    List<Migration> list = new ArrayList<>();
    for (String resource : resources) {
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      Matcher m = SCRIPT_NAME.matcher(name);
      if (!m.matches()) {
        throw new IllegalArgumentException("migration script '" + name
            + "' is not named V<version>__<description>.sql");
      }
      int version = Integer.parseInt(m.group(1));
      if (version != list.size() + 1) {
        throw new IllegalArgumentException("migration script '" + name + "' has version " + version
            + " where " + (list.size() + 1) + " is expected: versions run 1, 2, 3, ...");
      }
      list.add(new Migration(version, m.group(2), resource));
    }
    return new SchemaMigrator(list);
  }

  /** The newest version this migrator knows. */
  int latestVersion() {
    return migrations.size();
  }

  /** The scripts, in version order. */
  List<Migration> migrations() {
    return migrations;
  }

  /**
   * Creates or migrates the schema on {@code connection} (auto-commit off) and commits.
   *
   * @param databaseName how to name the database in messages
   * @return the schema version now in force
   * @throws ResultStoreException if the database is newer than the code or a script fails
   */
  int migrate(Connection connection, String databaseName) throws SQLException {
    execute(connection, "CREATE TABLE IF NOT EXISTS schema_version ("
        + " version INTEGER PRIMARY KEY,"
        + " description CHARACTER VARYING NOT NULL,"
        + " script CHARACTER VARYING NOT NULL,"
        + " installed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
    connection.commit();
    int current = currentVersion(connection);
    if (current > latestVersion()) {
      throw new ResultStoreException("results database " + databaseName + " has schema version "
          + current + ", newer than version " + latestVersion()
          + " that this monosweep understands: it was written by a newer monosweep. Run that"
          + " version, or point this one at another runs folder.");
    }
    for (Migration migration : migrations.subList(current, migrations.size())) {
      apply(connection, migration, databaseName);
    }
    return latestVersion();
  }

  /** The highest version recorded in {@code schema_version}, 0 for a new database. */
  static int currentVersion(Connection connection) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void apply(Connection connection, Migration migration, String databaseName)
      throws SQLException {
    String script = load(migration.resource());
    try {
      for (String statement : statements(script)) {
        execute(connection, statement);
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO schema_version (version, description, script) VALUES (?, ?, ?)")) {
        ps.setInt(1, migration.version());
        ps.setString(2, migration.description());
        ps.setString(3, migration.resource());
        ps.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw new ResultStoreException("migrating results database " + databaseName + " to version "
          + migration.version() + " (" + migration.resource() + ") failed: " + e.getMessage(), e);
    }
  }

  /**
   * Splits a script into statements: {@code --} comment lines are dropped and a statement ends
   * with {@code ;} at the end of a line (scripts put no {@code ;} inside string literals).
   */
  static List<String> statements(String script) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\r?\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        result.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(trimmed).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      result.add(current.toString().strip());
    }
    return result;
  }

  private static String load(String resource) {
    try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ResultStoreException("migration script " + resource
            + " is missing from the classpath: the results jar is incomplete");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ResultStoreException("cannot read migration script " + resource, e);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.execute();
    }
  }
}
