package io.refundkit.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command says when it ends: its exit code, the facts as one JSON object (for {@code --json}) and the same
 * facts for a person.
 */
record Reply(int exitCode, Map<String, Object> json, String human) {

  Reply {
    json = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(json));
  }

  /** Starts the JSON object with its {@code outcome}. */
  static Map<String, Object> object(String outcome) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("outcome", outcome);
    return json;
  }
}
