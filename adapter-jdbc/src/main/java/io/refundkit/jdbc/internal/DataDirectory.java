package io.refundkit.jdbc.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a user's application data lives, by platform convention: {@code %LOCALAPPDATA%} on Windows (machine-local,
 * not roaming: a ledger must not follow a user to another machine), else {@code $XDG_DATA_HOME} (XDG Base
 * Directory specification; ignored unless absolute) or {@code ~/.local/share}. macOS follows the XDG rule too, as
 * command-line tools there commonly do.
 */
public final class DataDirectory {

  private DataDirectory() {}

  /** {@code <data home>/refundkit/ledger} for the given environment, OS name and home directory. */
  public static Path ledgerPath(Map<String, String> env, String osName, String userHome) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(userHome, "userHome");
    return dataHome(env, osName, userHome).resolve("refundkit").resolve("ledger");
  }

  private static Path dataHome(Map<String, String> env, String osName, String userHome) {
    if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      if (local != null && !local.isBlank()) {
        return Path.of(local);
      }
      return Path.of(userHome, "AppData", "Local");
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg);
    }
    return Path.of(userHome, ".local", "share");
  }
}
