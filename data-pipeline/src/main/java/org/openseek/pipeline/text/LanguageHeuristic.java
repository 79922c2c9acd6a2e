package org.openseek.pipeline.text;

/**
 * Guesses a document's language from the scripts of its letters.
 *
 * <p>Returns {@code "zh"} when CJK letters (Han, Hiragana, Katakana, Hangul, Bopomofo) make up at
 * least {@code cjkShare} of all letters, {@code "en"} when more than half of the letters are Latin,
 * and {@code "und"} otherwise, including text without letters. Letters are code points for which
 * {@link Character#isLetter(int)} is true.
 *
 * <p>NOTE: this is a stand-in for a language-ID model. Japanese and Korean come out as "zh", and
 * every Latin-script language as "en".
 */
public final class LanguageHeuristic {

  public static final String CHINESE = "zh";
  public static final String ENGLISH = "en";
  public static final String UNDETERMINED = "und";

  private LanguageHeuristic() {}

  public static String detect(String text, double cjkShare) {
    long letters = 0;
    long cjk = 0;
    long latin = 0;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (!Character.isLetter(codePoint)) {
        continue;
      }
      letters++;
      if (isCjk(codePoint)) {
        cjk++;
      } else if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN) {
        latin++;
      }
    }
    if (letters == 0) {
      return UNDETERMINED;
    }
    if (cjk >= cjkShare * letters) {
      return CHINESE;
    }
    return latin * 2 > letters ? ENGLISH : UNDETERMINED;
  }

  /** Returns whether a language tag names Chinese, Japanese or Korean, e.g. "zh" or "zh-Hant". */
  public static boolean isCjkLanguage(String lang) {
    String primary = lang.split("[-_]", 2)[0].toLowerCase(java.util.Locale.ROOT);
    return primary.equals("zh") || primary.equals("ja") || primary.equals("ko");
  }

  private static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || script == Character.UnicodeScript.BOPOMOFO;
  }
}
