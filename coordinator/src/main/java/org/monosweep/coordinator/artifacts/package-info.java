/**
 * The coordinator's side of moving artifacts between machines. A node offers a cell's files as an
 * {@link org.monosweep.protocol.ArtifactUpload} of stream references; the {@link
 * org.monosweep.coordinator.artifacts.ArtifactStore} actor pulls them into its root folder, verifies
 * size and sha256, and answers with the files' paths on the coordinator's machine. Its settings
 * come from the {@code monosweep.results.artifacts} config section ({@link
 * org.monosweep.coordinator.artifacts.ArtifactStoreSettings}).
 */
package org.monosweep.coordinator.artifacts;
