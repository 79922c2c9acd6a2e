package org.openseek.tokenizer;

import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow schema of a shard file: {@code doc_id} utf8, {@code tokens} list of int32, {@code source}
 * utf8.
 */
final class ShardSchema {

  static final String DOC_ID = "doc_id";
  static final String TOKENS = "tokens";
  static final String SOURCE = "source";

  /** Name of the list's child field; pyarrow and Arrow C++ use the same name. */
  static final String TOKEN_ITEM = "item";

  private static final List<Field> FIELDS =
      List.of(
          new Field(DOC_ID, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
          new Field(
              TOKENS,
              FieldType.notNullable(ArrowType.List.INSTANCE),
              List.of(
                  new Field(TOKEN_ITEM, FieldType.notNullable(new ArrowType.Int(32, true)), null))),
          new Field(SOURCE, FieldType.nullable(ArrowType.Utf8.INSTANCE), null));

  private ShardSchema() {}

  static Schema create(ShardMetadata metadata) {
    return new Schema(FIELDS, metadata.toSchemaMetadata());
  }

  /**
   * Checks that a schema read from a file has exactly the shard columns, ignoring the name of the
   * list's child field, which other Arrow writers may name differently.
   *
   * @return a description of the first difference, or null when the schema matches
   */
  static String describeMismatch(Schema schema) {
    List<Field> fields = schema.getFields();
    if (fields.size() != FIELDS.size()) {
      return "expected columns " + names(FIELDS) + ", found " + names(fields);
    }
    for (int i = 0; i < FIELDS.size(); i++) {
      Field expected = FIELDS.get(i);
      Field actual = fields.get(i);
      if (!expected.getName().equals(actual.getName())
          || !expected.getType().equals(actual.getType())
          || expected.isNullable() != actual.isNullable()) {
        return "expected column " + describe(expected) + ", found " + describe(actual);
      }
      if (!expected.getChildren().isEmpty()) {
        Field expectedItem = expected.getChildren().get(0);
        List<Field> actualChildren = actual.getChildren();
        if (actualChildren.size() != 1
            || !expectedItem.getType().equals(actualChildren.get(0).getType())) {
          return "expected column " + describe(expected) + ", found " + describe(actual);
        }
      }
    }
    return null;
  }

  private static List<String> names(List<Field> fields) {
    return fields.stream().map(Field::getName).toList();
  }

  private static String describe(Field field) {
    return field.getName()
        + " "
        + field.getType()
        + (field.getChildren().isEmpty() ? "" : "<" + field.getChildren().get(0).getType() + ">")
        + (field.isNullable() ? " (nullable)" : " (not null)");
  }
}
