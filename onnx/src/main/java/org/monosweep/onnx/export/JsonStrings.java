package org.monosweep.onnx.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.List;

/**
 * A JSON array of strings through Jackson, for the {@code class_names} metadata of classifier
 * exports. Written as {@code ["a", "b"]}, a space after each comma, as exports always had it.
 */
final class JsonStrings {
  // readers and writers are immutable, so one of each serves every thread
  private static final ObjectReader READER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .readerFor(new TypeReference<List<String>>() {});
  private static final ObjectWriter WRITER = new ObjectMapper().writer(new SpacedArrays());

  private JsonStrings() {}

  /** {@code ["a", "b"]} with JSON escapes. */
  static String write(List<String> values) {
    try {
      return WRITER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings did not serialize", e);
    }
  }

  /**
   * Parses a JSON array of strings.
   *
   * @throws IllegalArgumentException when {@code json} is not one
   */
  static List<String> read(String json) {
    try {
      List<String> values = READER.readValue(json);
      if (values == null || values.contains(null)) {
        throw new IllegalArgumentException("not a JSON array of strings: " + json);
      }
      return values;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON array of strings: "
          + e.getOriginalMessage(), e);
    }
  }

  /** Compact output but for a space after each comma between array values. */
  private static final class SpacedArrays extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeArrayValueSeparator(JsonGenerator generator) throws IOException {
      generator.writeRaw(", ");
    }
  }
}
