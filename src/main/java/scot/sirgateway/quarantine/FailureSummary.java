package scot.sirgateway.quarantine;

import java.sql.SQLException;

/**
 * What a log line may say of a failure: the exception's class, its root cause's class and, for a
 * database error, the SQL state. Never a message: a database's or a parser's message can quote the
 * value that failed (a form field, an address, a file name).
 */
public final class FailureSummary {

    private FailureSummary() {
    }

    public static String of(Throwable failure) {
        if (failure == null) {
            return "unknown error";
        }
        StringBuilder summary = new StringBuilder(failure.getClass().getName());
        Throwable root = failure;
        String sqlState = null;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            if (sqlState == null && root instanceof SQLException sql) {
                sqlState = sql.getSQLState();
            }
            root = root.getCause();
        }
        if (sqlState == null && root instanceof SQLException sql) {
            sqlState = sql.getSQLState();
        }
        if (root != failure) {
            summary.append(" caused by ").append(root.getClass().getName());
        }
        if (sqlState != null) {
            summary.append(" (SQL state ").append(sqlState).append(')');
        }
        return summary.toString();
    }
}
