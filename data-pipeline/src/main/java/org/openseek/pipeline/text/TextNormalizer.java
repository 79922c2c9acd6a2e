package org.openseek.pipeline.text;

import java.text.Normalizer;

/**
 * Normalizes document text before the filters run.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>CRLF and lone CR become LF.</li>
 *   <li>Removed: U+FEFF (byte-order mark or zero-width no-break space), C0 controls other than
 *       LF and TAB (U+0000-U+001F, which takes the ESC of ANSI colour codes and leaves their
 *       {@code [32m} text), DEL (U+007F), C1 controls (U+0080-U+009F) and unpaired surrogates,
 *       which JSON escapes such as {@code \ud800} can produce and UTF-8 cannot encode.</li>
 *   <li>Unicode NFC. NFKC is deliberately not used, because it folds full-width Chinese
 *       punctuation such as {@code ，} and {@code ：} into ASCII.</li>
 *   <li>Trailing whitespace of the whole document is stripped ({@link String#stripTrailing()}).
 *       Whitespace inside lines and leading whitespace stay.</li>
 * </ol>
 */
public final class TextNormalizer {

  private TextNormalizer() {}

  public static String normalize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int length = text.length();
    int i = 0;
    while (i < length) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == '\r') {
        out.append('\n');
        if (i < length && text.charAt(i) == '\n') {
          i++;
        }
      } else if (!isRemoved(codePoint)) {
        out.appendCodePoint(codePoint);
      }
    }
    String composed = Normalizer.normalize(out, Normalizer.Form.NFC);
    return composed.stripTrailing();
  }

  private static boolean isRemoved(int codePoint) {
    if (codePoint == '\n' || codePoint == '\t') {
      return false;
    }
    return codePoint < 0x20
        || (codePoint >= 0x7F && codePoint <= 0x9F)
        || codePoint == 0xFEFF
        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
  }
}
