package org.openseek.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class JsonlLineReaderTest {

  private static List<RawLine> readAll(byte[] stored, boolean gzip) throws IOException {
    List<RawLine> lines = new ArrayList<>();
    try (JsonlLineReader reader =
        new JsonlLineReader("mem.jsonl", new ByteArrayInputStream(stored), gzip)) {
      reader.forEachRemaining(lines::add);
    }
    return lines;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  private static String text(RawLine line) {
    return new String(line.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void plainLinesCarryOffsetsAndByteCounts() throws IOException {
    List<RawLine> lines = readAll(utf8("{\"a\":1}\n中文\n\nlast"), false);

    assertEquals(4, lines.size());
    assertEquals("{\"a\":1}", text(lines.get(0)));
    assertEquals(0, lines.get(0).offset());
    assertEquals(8, lines.get(0).byteCount());
    assertEquals("中文", text(lines.get(1)));
    assertEquals(8, lines.get(1).offset());
    assertEquals(7, lines.get(1).byteCount());
    assertEquals("", text(lines.get(2)));
    assertEquals(15, lines.get(2).offset());
    assertEquals("last", text(lines.get(3)));
    assertEquals(16, lines.get(3).offset());
    assertEquals(4, lines.get(3).byteCount());
  }

  @Test
  void emptyFileHasNoLines() throws IOException {
    assertTrue(readAll(new byte[0], false).isEmpty());
  }

  @Test
  void crlfAndBomAreStripped() throws IOException {
    byte[] stored = utf8("\uFEFF{\"a\":1}\r\n{\"b\":2}\r\n");

    List<RawLine> lines = readAll(stored, false);

    assertEquals(2, lines.size());
    assertEquals("{\"a\":1}", text(lines.get(0)));
    assertEquals(0, lines.get(0).offset());
    assertEquals(3 + 7 + 2, lines.get(0).byteCount());
    assertEquals("{\"b\":2}", text(lines.get(1)));
    assertEquals(12, lines.get(1).offset());
    assertEquals(stored.length,
        lines.stream().mapToLong(RawLine::byteCount).sum());
  }

  @Test
  void bomOnlyCountsAtFileStart() throws IOException {
    List<RawLine> lines = readAll(utf8("a\n\uFEFFb\n"), false);

    assertEquals("\uFEFFb", text(lines.get(1)));
  }

  @Test
  void invalidUtf8DecodesToNull() throws IOException {
    byte[] stored = {'{', (byte) 0xFF, (byte) 0xFE, '}', '\n', 'o', 'k'};

    List<RawLine> lines = readAll(stored, false);

    assertNull(lines.get(0).decodeUtf8());
    assertEquals("{\uFFFD\uFFFD}", lines.get(0).decodeUtf8Lenient());
    assertEquals("ok", lines.get(1).decodeUtf8());
  }

  @Test
  void longLineSpansBuffers() throws IOException {
    String longText = "x".repeat(200_000);

    List<RawLine> lines = readAll(utf8(longText + "\nshort\n"), false);

    assertEquals(longText, text(lines.get(0)));
    assertEquals(200_001, lines.get(1).offset());
  }

  @Test
  void gzipMatchesPlain() throws IOException {
    byte[] plain = utf8("{\"a\":1}\n{\"b\":\"二\"}\n");

    List<RawLine> fromGzip = readAll(gzip(plain), true);
    List<RawLine> fromPlain = readAll(plain, false);

    assertEquals(fromPlain.size(), fromGzip.size());
    for (int i = 0; i < fromPlain.size(); i++) {
      assertArrayEquals(fromPlain.get(i).bytes(), fromGzip.get(i).bytes());
      assertEquals(fromPlain.get(i).offset(), fromGzip.get(i).offset());
    }
  }

  @Test
  void allGzipMembersAreRead() throws IOException {
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    members.write(gzip(utf8("one\n")));
    members.write(gzip(utf8("two\n")));
    members.write(gzip(utf8("three\n")));
    byte[] stored = members.toByteArray();
    // Like a remote stream, this one reports no available bytes at member boundaries.
    InputStream noAvailable = new FilterInputStream(new ByteArrayInputStream(stored)) {
      @Override
      public int available() {
        return 0;
      }
    };

    List<RawLine> lines = new ArrayList<>();
    try (JsonlLineReader reader = new JsonlLineReader("mem.jsonl.gz", noAvailable, true)) {
      reader.forEachRemaining(lines::add);
    }

    assertEquals(List.of("one", "two", "three"), lines.stream().map(JsonlLineReaderTest::text).toList());
    assertEquals(8, lines.get(2).offset());
  }

  @Test
  void truncatedGzipKeepsLinesBeforeTheBreak() throws IOException {
    StringBuilder plain = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      plain.append("{\"text\": \"line ").append(i).append(' ').append(Integer.toHexString(i * 7919))
          .append("\"}\n");
    }
    byte[] full = gzip(utf8(plain.toString()));
    byte[] cut = Arrays.copyOf(full, full.length / 2);

    List<RawLine> lines = readAll(cut, true);

    RawLine marker = lines.get(lines.size() - 1);
    List<RawLine> complete = lines.subList(0, lines.size() - 1);
    assertTrue(marker.isTruncation());
    assertTrue(marker.truncationError().startsWith("EOFException"), marker.truncationError());
    assertTrue(complete.size() > 100, "lines before the break " + complete.size());
    assertTrue(complete.size() < 2000, "lines before the break " + complete.size());
    for (int i = 0; i < complete.size(); i++) {
      assertFalse(complete.get(i).isTruncation());
      assertTrue(text(complete.get(i)).startsWith("{\"text\": \"line " + i + " "));
    }
    long before = complete.stream().mapToLong(RawLine::byteCount).sum();
    assertEquals(before, marker.offset());
  }

  @Test
  void notGzipIsATruncationAtOffsetZero() throws IOException {
    List<RawLine> lines = readAll(utf8("{\"text\": \"plain\"}\n"), true);

    assertEquals(1, lines.size());
    assertTrue(lines.get(0).isTruncation());
    assertEquals(0, lines.get(0).offset());
    assertTrue(lines.get(0).truncationError().startsWith("ZipException"),
        lines.get(0).truncationError());
  }
}
