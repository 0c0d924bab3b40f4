/**
 * The wire protocol between the coordinator and worker nodes. {@link org.monosweep.protocol.RunCell}
 * is the work-pulling job a slot receives; {@link org.monosweep.protocol.CellReport}s flow back to
 * the coordinator, the last of them carrying a {@link org.monosweep.protocol.CellResult}. Every
 * record implements {@link org.monosweep.protocol.CborSerializable}, bound to jackson-cbor, and
 * slots are discovered through {@link org.monosweep.protocol.ServiceKeys}.
 */
package org.monosweep.protocol;
