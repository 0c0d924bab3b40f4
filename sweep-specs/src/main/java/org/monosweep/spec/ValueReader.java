package org.monosweep.spec;

import com.typesafe.config.ConfigValue;

/** Reads one HOCON value for {@link SpecReader} and {@link SpecValues}. */
@FunctionalInterface
interface ValueReader<T> {
  /** The value, or null after recording a problem. */
  T read(ConfigValue value, String path);
}
