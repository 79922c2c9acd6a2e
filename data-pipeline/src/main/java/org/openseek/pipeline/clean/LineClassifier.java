package org.openseek.pipeline.clean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.openseek.pipeline.Quarantine;
import org.openseek.pipeline.io.DecodedLine;
import org.openseek.pipeline.io.RawLine;
import org.openseek.pipeline.text.LanguageHeuristic;
import org.openseek.pipeline.text.TextNormalizer;

/**
 * Turns one input line of a source into a kept, dropped or quarantined row.
 *
 * <p>A line is quarantined when it is not valid UTF-8, is blank, is not JSON, is JSON but not an
 * object, or lacks a string in the text field. Otherwise the text is normalized
 * ({@link TextNormalizer}), the language is set, and the {@link FilterChain} decides kept or dropped.
 *
 * <p>The id is the id field's value when that is a non-empty string or a number. Otherwise it is
 * {@code <source>:<first 32 hex digits of sha256(text)>}. The hash covers the text as read, before
 * normalization, so the id changes neither with partitioning nor with the normalization rules.
 * Identical texts in one source get the same derived id. Other top-level fields with string,
 * number or boolean values go to {@code meta} as strings, while objects, arrays and nulls are
 * left out.
 */
final class LineClassifier implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int DERIVED_ID_HEX_DIGITS = 32;

  private final SourceSpec source;
  private final FilterChain filters;
  private final double cjkShare;
  private transient ObjectMapper mapper;

  LineClassifier(SourceSpec source, FilterChain filters, double cjkShare) {
    this.source = source;
    this.filters = filters;
    this.cjkShare = cjkShare;
  }

  Row classify(RawLine line) {
    DecodedLine decoded = DecodedLine.of(line);
    if (decoded.reason() != null) {
      return quarantine(line, decoded.reason(), decoded.raw(), decoded.error());
    }
    String text = decoded.text();

    JsonNode node;
    try {
      node = mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return quarantine(line, Quarantine.MALFORMED_JSON, text, describeParseError(e));
    }
    if (!node.isObject()) {
      return quarantine(line, Quarantine.NOT_AN_OBJECT, text,
          "line is a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object");
    }
    JsonNode textNode = node.get(source.textField());
    if (textNode == null || !textNode.isTextual()) {
      return quarantine(line, Quarantine.MISSING_TEXT, text, describeMissingText(textNode));
    }
    return document(line, node, textNode.textValue());
  }

  private Row document(RawLine line, JsonNode node, String originalText) {
    String text = TextNormalizer.normalize(originalText);
    String lang = source.lang().isEmpty() ? LanguageHeuristic.detect(text, cjkShare) : source.lang();
    String dropReason = filters.firstFailure(text, lang);
    String id = idOf(node.get(source.idField()), originalText);
    JsonNode urlNode = node.get(source.urlField());
    String url = urlNode != null && urlNode.isTextual() ? urlNode.textValue() : null;
    return ClassifiedRows.document(dropReason, line.byteCount(), id, text, source.name(), lang, url,
        meta(node));
  }

  private String idOf(JsonNode idNode, String originalText) {
    if (idNode != null && (idNode.isNumber() || (idNode.isTextual() && !idNode.textValue().isEmpty()))) {
      return idNode.asText();
    }
    byte[] hash = sha256().digest(originalText.getBytes(StandardCharsets.UTF_8));
    String hex = HexFormat.of().formatHex(hash);
    return source.name() + ":" + hex.substring(0, DERIVED_ID_HEX_DIGITS);
  }

  private Map<String, String> meta(JsonNode node) {
    Map<String, String> meta = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      boolean own = name.equals(source.textField()) || name.equals(source.idField())
          || name.equals(source.urlField());
      if (!own && value.isValueNode() && !value.isNull()) {
        meta.put(name, value.asText());
      }
    }
    return meta;
  }

  private String describeMissingText(JsonNode textNode) {
    String field = "text field '" + source.textField() + "'";
    if (textNode == null) {
      return field + " is absent";
    }
    if (textNode.isNull()) {
      return field + " is null";
    }
    return field + " is a " + textNode.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a string";
  }

  private static String describeParseError(JsonProcessingException e) {
    String message = e.getOriginalMessage() != null ? e.getOriginalMessage() : e.toString();
    return e.getLocation() == null ? message
        : message + " (at character " + e.getLocation().getColumnNr() + ")";
  }

  private Row quarantine(RawLine line, String reason, String raw, String error) {
    return ClassifiedRows.quarantine(reason, line.byteCount(), source.name(), line.file(),
        line.offset(), raw, error);
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      // Jackson's default limit of 20,000,000 characters per string (2.21) would quarantine long
      // documents as malformed JSON instead of letting too_long drop them.
      JsonFactory factory = JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(Integer.MAX_VALUE).build())
          .build();
      mapper = new ObjectMapper(factory)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
    return mapper;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
