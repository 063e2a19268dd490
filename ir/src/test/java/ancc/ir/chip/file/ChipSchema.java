package ancc.ir.chip.file;

import ancc.ir.units.Dimension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import java.util.Arrays;

/**
 * The JSON Schema of the chip file, generated from its binding records ({@link ChipFile} and
 * what it holds) with victools' generator and its Jackson module: keys in snake_case, required
 * keys from {@link Required}, ranges from {@link Range}, text patterns from {@link Matches},
 * quantities as strings of their {@link Dimension}'s pattern, enums as their lower-case words,
 * the tile kinds and noise models as alternatives picked by {@code kind} and {@code model}; every
 * list is non-empty and keys are in the records' order.
 */
final class ChipSchema {
  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private ChipSchema() {}

  static JsonNode generate() {
    SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(new ObjectMapper(), SchemaVersion.DRAFT_2020_12,
        OptionPreset.PLAIN_JSON)
        .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
        .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
        .without(Option.NONPUBLIC_STATIC_FIELDS);
    b.forFields().withPropertyNameOverrideResolver(f -> SNAKE.translate(f.getName()));
    b.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
      Class<?> raw = type.getErasedType();
      Dimension d = Values.DIMENSIONS.get(raw);
      if (d != null) {
        ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", "string")
            .put("pattern", d.pattern(false));
        return new CustomDefinition(node, CustomDefinition.DefinitionType.STANDARD,
            CustomDefinition.AttributeInclusion.NO);
      }
      if (raw.isEnum()) {
        ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", "string");
        ArrayNode words = node.putArray("enum");
        Arrays.stream(raw.getEnumConstants()).map(e -> Values.word((Enum<?>) e)).forEach(words::add);
        return new CustomDefinition(node, CustomDefinition.DefinitionType.STANDARD,
            CustomDefinition.AttributeInclusion.NO);
      }
      return null;
    });
    b.forFields().withNumberInclusiveMinimumResolver(f -> range(f) == null ? null : number(range(f).min()));
    b.forFields().withNumberInclusiveMaximumResolver(f -> range(f) == null ? null : number(range(f).max()));
    b.forFields().withStringPatternResolver(f -> {
      Matches p = f.getAnnotationConsideringFieldAndGetter(Matches.class);
      return p == null ? null : "^" + p.regex() + "$";
    });
    b.forFields().withCustomDefinitionProvider((field, context) -> {
      if (field.getAnnotationConsideringFieldAndGetter(Signed.class) == null) {
        return null;
      }
      Dimension d = Values.DIMENSIONS.get(field.getType().getTypeParameters().get(0).getErasedType());
      ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", "array");
      node.putObject("items").put("type", "string").put("pattern", d.pattern(true));
      return new CustomPropertyDefinition(node, CustomDefinition.AttributeInclusion.YES);
    });
    b.forFields().withArrayMinItemsResolver(f -> f.isContainerType() ? 1 : null);
    b.forTypesInGeneral().withPropertySorter((x, y) -> 0);
    b.forTypesInGeneral().withTitleResolver(scope -> scope.getType().getErasedType() == ChipFile.class
        ? "ancc chip description" : null);
    b.forTypesInGeneral().withDescriptionResolver(scope -> scope.getType().getErasedType() == ChipFile.class
        ? "A chip file (YAML) of the ancc compiler: docs/chips.md. Generated from ancc.ir.chip.file.ChipFile;"
        + " rules between keys (g_max above g_min, slices that fit the cell levels, ...) are checked by the"
        + " reader only." : null);
    return new SchemaGenerator(b.build()).generateSchema(ChipFile.class);
  }

  private static Range range(FieldScope f) {
    return f.getAnnotationConsideringFieldAndGetter(Range.class);
  }

  /** Whole bounds as integers, so the schema reads 16 rather than 16.0. */
  private static java.math.BigDecimal number(double d) {
    return new java.math.BigDecimal(Values.fmt(d));
  }
}
