package org.monosweep.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringsTest {

  @Test
  void writesClassNamesAsExportsAlwaysHadThem() {
    assertThat(JsonStrings.write(List.of("Pull\"over", "a\\b", "tab\there", "Bag")))
        .isEqualTo("[\"Pull\\\"over\", \"a\\\\b\", \"tab\\there\", \"Bag\"]");
    assertThat(JsonStrings.write(List.of())).isEqualTo("[]");
  }

  @Test
  void readsBackWhatItWrites() {
    List<String> names = List.of("T-shirt/top", "Pull\"over", "é\n", "");
    assertThat(JsonStrings.read(JsonStrings.write(names))).isEqualTo(names);
    assertThat(JsonStrings.read(" [ \"a\" ,\"b\" ] ")).containsExactly("a", "b");
  }

  @Test
  void refusesTextThatIsNotAnArrayOfStrings() {
    for (String bad : List.of("{\"a\": 1}", "[\"a\"", "[\"a\"] x", "[\"a\", null]", "null")) {
      assertThatThrownBy(() -> JsonStrings.read(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not a JSON array of strings");
    }
  }
}
