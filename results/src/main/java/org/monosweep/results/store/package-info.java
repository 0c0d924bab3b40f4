/**
 * Where results live: the {@link org.monosweep.results.store.ResultStore} contract, opened
 * through {@link org.monosweep.results.store.ResultStores} on an H2 database whose schema is
 * created and migrated by Flyway from versioned scripts in {@code db/migration/}. Writes are values
 * ({@link org.monosweep.results.store.StoreWrite}) so that many can share one transaction;
 * reads return rows mapped to records ({@link org.monosweep.results.store.SweepRow},
 * {@link org.monosweep.results.store.CellRow}, {@link org.monosweep.results.store.ProbeRow}, ...).
 * The implementation is plain JDBC and knows nothing about actors.
 */
package org.monosweep.results.store;
