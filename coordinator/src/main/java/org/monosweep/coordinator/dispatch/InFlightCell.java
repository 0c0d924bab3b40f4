package org.monosweep.coordinator.dispatch;

import java.time.Instant;
import org.monosweep.spec.CellId;

/**
 * An attempt out on a slot.
 *
 * @param cellId the cell
 * @param attempt the attempt
 * @param node the node running it, or the slot it was sent to before the node reported
 * @param since when it was handed out
 */
public record InFlightCell(CellId cellId, int attempt, String node, Instant since) {}
