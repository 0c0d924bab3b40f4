package org.monosweep.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelFilterTest {

  private static ExportCandidate candidate(String method, String n, String augmentation,
      long seed) {
    return new ExportCandidate("s", "0123456789abcdef", method, n, augmentation, seed, "",
        "fashion-mnist", "small4", Map.of(), List.of());
  }

  @Test
  void parsesTermsJoinedByAndAndMatchesNormalisedValues() {
    ModelFilter filter = ModelFilter.parse(" method=RotNet AND n = 1 and augmentation=rotation+scale ");
    assertThat(filter.toString()).isEqualTo("method=rotnet and n=1 and augmentation=scale+rotation");
    assertThat(filter.matches(candidate("rotnet", "1", "scale+rotation", 0))).isTrue();
    assertThat(filter.matches(candidate("rotnet", "2", "scale+rotation", 0))).isFalse();
    assertThat(filter.matches(candidate("bigan", "1", "scale+rotation", 0))).isFalse();
    assertThat(ModelFilter.parse("seed=7 and dataset=FASHION-MNIST and encoder=small4")
        .matches(candidate("rotnet", "1", "all", 7))).isTrue();
    assertThat(ModelFilter.parse("n=FULL").matches(candidate("supervised", "full", "none", 0)))
        .isTrue();
  }

  @Test
  void emptyFilterMatchesEverything() {
    assertThat(ModelFilter.parse("  ").matches(candidate("random", "full", "none", 3))).isTrue();
    assertThat(ModelFilter.parse(null)).isEqualTo(ModelFilter.all());
  }

  @Test
  void quotedValuesHoldSpaces() {
    ModelFilter filter = ModelFilter.parse("source=\"my photo.png\" and method=rotnet");
    ExportCandidate withSource = new ExportCandidate("s", "0123456789abcdef", "rotnet", "1",
        "all", 0, "my photo.png", "fashion-mnist", "small4", Map.of(), List.of());
    assertThat(filter.matches(withSource)).isTrue();
    assertThat(filter.toString()).isEqualTo("method=rotnet and source=\"my photo.png\"");
  }

  @Test
  void unknownKeyIsNamedWithTheAllowedKeys() {
    assertThatThrownBy(() -> ModelFilter.parse("method=rotnet and lr=0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key 'lr' in --where: allowed keys are method, n, augmentation,"
            + " seed, source, dataset, encoder");
  }

  @Test
  void badValuesRepeatedKeysAndBadJoinsAreExplained() {
    assertThatThrownBy(() -> ModelFilter.parse("method=rotnett"))
        .hasMessageStartingWith("bad value for method in --where: unknown method 'rotnett'");
    assertThatThrownBy(() -> ModelFilter.parse("seed=x"))
        .hasMessage("bad value for seed in --where: 'x' is not an integer");
    assertThatThrownBy(() -> ModelFilter.parse("augmentation=blur"))
        .hasMessageStartingWith("bad value for augmentation in --where: unknown augmentation");
    assertThatThrownBy(() -> ModelFilter.parse("n=1 and n=2"))
        .hasMessageContaining("n is given twice");
    assertThatThrownBy(() -> ModelFilter.parse("method=rotnet or n=1"))
        .hasMessageContaining("at 'or n=1': terms are joined by 'and'");
    assertThatThrownBy(() -> ModelFilter.parse("method rotnet"))
        .hasMessageContaining("expected key=value terms joined by 'and'");
    assertThatThrownBy(() -> ModelFilter.parse("method="))
        .hasMessageContaining("method has no value");
  }
}
