package org.monosweep.spec;

/** The value types a method parameter can have, as specs write them. */
public enum ParamType {
  /** A whole number. */
  INTEGER("integer"),
  /** A finite decimal number. */
  NUMBER("number"),
  /** One word out of a fixed list. */
  CHOICE("choice"),
  /** {@code true} or {@code false}. */
  BOOLEAN("boolean");

  private final String label;

  ParamType(String label) {
    this.label = label;
  }

  /** The name shown in docs and messages. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
