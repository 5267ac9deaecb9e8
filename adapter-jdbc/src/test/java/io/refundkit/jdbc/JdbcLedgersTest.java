package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.jdbc.internal.DataDirectory;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcLedgersTest {

  @Nested
  class The_default_H2_path {

    @Test
    void is_under_xdg_data_home_when_it_is_set_to_an_absolute_path() {
      Path path = DataDirectory.ledgerPath(Map.of("XDG_DATA_HOME", "/data/alice"), "Linux", "/home/alice");

      assertThat(path).isEqualTo(Path.of("/data/alice/refundkit/ledger"));
    }

    @Test
    void is_under_dot_local_share_when_xdg_data_home_is_unset_or_relative() {
      assertThat(DataDirectory.ledgerPath(Map.of(), "Linux", "/home/alice"))
          .isEqualTo(Path.of("/home/alice/.local/share/refundkit/ledger"));
      assertThat(DataDirectory.ledgerPath(Map.of("XDG_DATA_HOME", "data"), "Mac OS X", "/Users/alice"))
          .isEqualTo(Path.of("/Users/alice/.local/share/refundkit/ledger"));
    }

    @Test
    void is_under_localappdata_on_windows() {
      Path path =
          DataDirectory.ledgerPath(
              Map.of("LOCALAPPDATA", "/C/Users/alice/AppData/Local", "XDG_DATA_HOME", "/ignored"),
              "Windows 11",
              "/C/Users/alice");

      assertThat(path).isEqualTo(Path.of("/C/Users/alice/AppData/Local/refundkit/ledger"));
    }

    @Test
    void of_this_machine_ends_in_refundkit_ledger() {
      assertThat(JdbcLedgers.defaultH2Path()).endsWithRaw(Path.of("refundkit", "ledger"));
      assertThat(JdbcLedgers.defaultH2Path()).isAbsolute();
    }
  }

  @Nested
  class Data_sources {

    @TempDir Path dir;

    @Test
    void an_h2_file_is_created_with_its_missing_directories() throws Exception {
      DataSource ds = JdbcLedgers.h2File(dir.resolve("a/b/ledger"));

      JdbcRefundLedger.builder(ds).build();

      assertThat(dir.resolve("a/b/ledger.mv.db")).isRegularFile();
    }

    @Test
    void an_h2_path_with_a_semicolon_is_refused() {
      assertThatThrownBy(() -> JdbcLedgers.h2File(dir.resolve("x;AUTO_SERVER=TRUE")))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_jdbc_url_opens_its_database_with_the_credentials_it_carries() throws Exception {
      String url = "jdbc:h2:file:" + dir.resolve("secured") + ";USER=refundkit;PASSWORD=pw-123";
      DataSource ds = JdbcLedgers.dataSource(url);

      try (Connection c = ds.getConnection()) {
        assertThat(c.getMetaData().getUserName()).isEqualToIgnoringCase("refundkit");
      }
      assertThat(ds.toString()).contains("PASSWORD=****").doesNotContain("pw-123");
    }

    @Test
    void a_postgresql_url_hides_its_password() {
      DataSource ds = JdbcLedgers.dataSource("jdbc:postgresql://db:5432/refunds?user=rk&password=pw-123&ssl=true");

      assertThat(ds.toString()).contains("password=****&ssl=true").doesNotContain("pw-123");
    }

    @Test
    void a_url_for_another_database_is_refused_without_echoing_its_password() {
      assertThatThrownBy(() -> JdbcLedgers.dataSource("jdbc:mysql://db/refunds?user=rk&password=pw-123"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("jdbc:postgresql:")
          .hasMessageNotContaining("pw-123");
    }
  }
}
