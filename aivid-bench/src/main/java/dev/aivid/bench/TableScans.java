package dev.aivid.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * PostgreSQL's cumulative scan counters for one table. Backends report them at most about once a
 * second while busy, so a difference over a window is close, not exact.
 */
record TableScans(long sequentialScans, long sequentialRows, long indexScans) {
  static final TableScans UNKNOWN = new TableScans(-1, -1, -1);

  static TableScans read(DataSource dataSource, String table) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select seq_scan, seq_tup_read, coalesce(idx_scan, 0) from pg_stat_user_tables"
                    + " where relname = ?")) {
      query.setString(1, table);
      try (ResultSet row = query.executeQuery()) {
        return row.next()
            ? new TableScans(row.getLong(1), row.getLong(2), row.getLong(3))
            : UNKNOWN;
      }
    } catch (SQLException e) {
      return UNKNOWN;
    }
  }

  TableScans since(TableScans start) {
    if (this == UNKNOWN || start == UNKNOWN || sequentialScans < 0 || start.sequentialScans < 0) {
      return UNKNOWN;
    }
    return new TableScans(
        sequentialScans - start.sequentialScans,
        sequentialRows - start.sequentialRows,
        indexScans - start.indexScans);
  }
}
