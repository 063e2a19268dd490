package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;

/**
 * The JSON Schema of report.json ({@value Report#SCHEMA}), generated from {@link Report} and the
 * records it holds with victools' generator and its Jackson module: field names and order from
 * {@code @JsonProperty} and {@code @JsonPropertyOrder}; a field is required when it is
 * {@code @JsonProperty(required = true)}, primitive, or in a record that writes nulls (no
 * {@code @JsonInclude(NON_NULL)}). Unknown fields are allowed: readers ignore what they do not
 * know, and adding fields keeps the schema version (docs/report-schema.md).
 */
final class ReportSchema {
  private ReportSchema() {}

  static JsonNode generate() {
    SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(new ObjectMapper(), SchemaVersion.DRAFT_2020_12,
        OptionPreset.PLAIN_JSON)
        .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED, JacksonOption.RESPECT_JSONPROPERTY_ORDER))
        .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.PLAIN_DEFINITION_KEYS)
        .without(Option.NONPUBLIC_STATIC_FIELDS, Option.PUBLIC_STATIC_FIELDS);
    b.forFields().withRequiredCheck(f -> f.getType().isPrimitive() || !writesOnlyNonNull(f.getDeclaringType()
        .getErasedType()));
    b.forFields().withInstanceAttributeOverride((node, field, context) -> {
      if (field.getDeclaringType().getErasedType() == Report.class && field.getName().equals("schema")) {
        node.put("const", Report.SCHEMA);
      }
    });
    b.forTypesInGeneral().withTitleResolver(scope -> scope.getType().getErasedType() == Report.class
        ? "ancc report (" + Report.SCHEMA + ")" : null);
    b.forTypesInGeneral().withDescriptionResolver(scope -> scope.getType().getErasedType() == Report.class
        ? "report.json of the ancc compiler: docs/report-schema.md. Generated from ancc.compiler.report.Report."
        : null);
    return new SchemaGenerator(b.build()).generateSchema(Report.class);
  }

  private static boolean writesOnlyNonNull(Class<?> record) {
    JsonInclude include = record.getAnnotation(JsonInclude.class);
    return include != null && include.value() == JsonInclude.Include.NON_NULL;
  }
}
