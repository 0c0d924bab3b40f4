package org.monosweep.protocol;

import akka.actor.typed.ActorRef;
import java.util.Objects;
import org.monosweep.spec.Cell;

/**
 * The work-pulling job: train and probe {@code cell} as attempt {@code attempt} of sweep
 * {@code sweep}, reporting to {@code replyTo}. A worker slot receives it through its
 * {@code ConsumerController} and confirms only after it has reported, so a slot never holds
 * more than one cell.
 *
 * @param sweep the sweep's name
 * @param cell the fully resolved cell
 * @param attempt 1 for the first try, counting up on retries
 * @param replyTo where {@link CellReport}s go
 * @param artifacts where the slot uploads the cell's files before it reports completion; null
 *     when the coordinator shares the node's file system (the embedded run), so files stay put
 */
public record RunCell(String sweep, Cell cell, int attempt, ActorRef<CellReport> replyTo,
    ActorRef<ArtifactUpload> artifacts) implements CborSerializable {

  /** A job whose files stay on the node's file system. */
  public RunCell(String sweep, Cell cell, int attempt, ActorRef<CellReport> replyTo) {
    this(sweep, cell, attempt, replyTo, null);
  }

  public RunCell {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(replyTo, "replyTo");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
    }
  }
}
