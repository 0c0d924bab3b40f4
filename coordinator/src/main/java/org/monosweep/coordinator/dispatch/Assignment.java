package org.monosweep.coordinator.dispatch;

import org.monosweep.spec.Cell;

/**
 * A cell handed out: send {@code cell} as attempt {@code attempt}.
 *
 * @param cell the cell
 * @param attempt 1 for the first try
 */
public record Assignment(Cell cell, int attempt) {}
