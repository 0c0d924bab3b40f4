package org.monosweep.results.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens {@link ResultStore}s. Opening creates the schema in an empty database, migrates an
 * older one, and refuses one written by a newer monosweep.
 */
public final class ResultStores {

  private ResultStores() {}

  /**
   * Opens (creating if needed) the H2 file database at {@code dbFileWithoutSuffix}; H2 adds
   * {@code .mv.db}. For example {@code runs/monosweep} gives {@code runs/monosweep.mv.db}.
   *
   * <p>Each commit is written through to the file ({@code WRITE_DELAY=0}): H2's default holds
   * commits in memory for up to a second, and a measured {@code kill -9} right after a few
   * commits lost all of them. H2 locks the file, so a second process gets a clear error.
   *
   * @throws ResultStoreException if the database cannot be opened or has an unknown schema
   */
  public static ResultStore openFile(Path dbFileWithoutSuffix) {
    Path absolute = dbFileWithoutSuffix.toAbsolutePath().normalize();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new ResultStoreException("cannot create the folder of results database " + absolute
          + ": " + e.getMessage(), e);
    }
    return openUrl("jdbc:h2:file:" + absolute + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
  }

  /**
   * Opens the database at an H2 JDBC URL as given, for example
   * {@code jdbc:h2:mem:test-42;DB_CLOSE_DELAY=-1} in tests. For a file database prefer
   * {@link #openFile}, which adds the settings that make commits survive a killed process.
   *
   * @throws ResultStoreException if the database cannot be opened or has an unknown schema
   */
  public static ResultStore openUrl(String jdbcUrl) {
    return JdbcResultStore.open(jdbcUrl, SchemaMigrator.bundled());
  }
}
