package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * A commit on an H2 database in files, through the JDBC URL the gateway uses, survives the process
 * dying right after it (H2 otherwise writes commits in the background, up to half a second later).
 * The dying is done by a JVM of its own that halts, as a kill would, straight after the commit.
 */
class H2DurableCommitTest {

    @TempDir
    Path dir;

    /** In the child JVM: one idle pause (as between two mails), one committed row, then the halt. */
    public static void main(String[] args) throws Exception {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(args[0]);
        DurableCommits.h2CommitsWrittenAtOnce().postProcessBeforeInitialization(properties, "dataSourceProperties");
        Connection connection = DriverManager.getConnection(properties.getUrl(), "sa", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE stored (id INT PRIMARY KEY, raw VARBINARY(2000))");
        }
        Thread.sleep(1500);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO stored VALUES (1, X'" + "00".repeat(1500) + "')");
        }
        connection.commit();
        Runtime.getRuntime().halt(9);
    }

    @Test
    void commitShouldSurviveTheProcessDyingRightAfterIt() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("gateway").toAbsolutePath() + ";MODE=PostgreSQL";
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2DurableCommitTest.class.getName(), url)
                .inheritIO().start();
        assertThat(child.waitFor()).as("the child halted after its commit").isEqualTo(9);

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM stored")) {
            rows.next();
            assertThat(rows.getLong(1)).as("committed rows after the crash").isEqualTo(1);
        }
    }
}
