package org.monosweep.benchmarks.train;

import org.monosweep.spec.Method;
import picocli.CommandLine.ITypeConverter;

/** A method by its spec label ({@code monogan}, {@code rotnet}, ...), as sweep specs name it. */
final class MethodConverter implements ITypeConverter<Method> {
  @Override
  public Method convert(String label) {
    return Method.parse(label);
  }
}
