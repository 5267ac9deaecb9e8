package io.refundkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the hints the command prints ("Next: refund …") and splits them as a POSIX shell would, to follow them. */
final class Hints {

  private static final Pattern COMMAND = Pattern.compile("(refund (?:[^'\\n]|'[^']*')*)");

  private Hints() {}

  /** The arguments of the first hint in {@code text} that starts with {@code refund} and contains {@code marker}. */
  static String[] follow(String text, String marker) {
    Matcher m = COMMAND.matcher(text);
    while (m.find()) {
      String command = m.group(1).strip();
      if (command.contains(marker)) {
        List<String> words = split(command);
        assertThat(words.get(0)).isEqualTo("refund");
        return words.subList(1, words.size()).toArray(String[]::new);
      }
    }
    throw new AssertionError("no hint containing '" + marker + "' in: " + text);
  }

  /** Splits {@code line} into words: spaces separate, single quotes quote (the only quoting refundkit prints). */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    assertThat(quoted).as("balanced quotes in " + line).isFalse();
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
