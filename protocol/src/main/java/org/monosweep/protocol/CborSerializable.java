package org.monosweep.protocol;

/**
 * Marker for every message that may cross the wire; bound to Akka's jackson-cbor serializer in
 * this module's {@code reference.conf}. Java serialization stays off.
 */
public interface CborSerializable {}
