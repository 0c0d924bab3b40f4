/**
 * The actor side of results: {@link org.monosweep.coordinator.writer.ResultsWriter} is the single
 * writer of a {@link org.monosweep.results.store.ResultStore}. It queues the coordinator's
 * records, writes them in batched transactions on a blocking dispatcher, and answers
 * registrations and flushes once their writes are committed. Its settings come from the
 * {@code monosweep.results.writer} config section ({@link org.monosweep.coordinator.writer.ResultsWriterSettings}).
 */
package org.monosweep.coordinator.writer;
