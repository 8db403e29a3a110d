package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** How reader processes are started, where their scratch files go, and how a detected type is judged. */
class DocumentWorkersTest {

    private static ExtractProperties limits(Path scratch) {
        return new ExtractProperties(15_000_000, 1_000_000, 100, 100, 5, Duration.ofSeconds(30), 2,
                DataSize.ofMegabytes(200), scratch);
    }

    @Test
    void workerShouldRunFromTheGatewaysClassPathWithItsOwnHeapAndScratchDirectory(@TempDir Path dir) {
        var command = new DocumentWorkers(limits(dir.resolve("scratch"))).command(dir.resolve("scratch/w1"));
        assertThat(command).contains("-Xmx200m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + dir.resolve("scratch/w1"), System.getProperty("java.class.path"));
        assertThat(command).endsWith(DocumentWorker.class.getName(), "15000000", "1000000", "100", "100", "5");
    }

    @Test
    void packagedJarShouldBeLaunchedThroughSpringBootsLauncher(@TempDir Path dir) throws Exception {
        Path bootJar = jar(dir.resolve("app.jar"), "scot.sirgateway.SirGatewayApplication");
        Path plainJar = jar(dir.resolve("booter.jar"), null);
        assertThat(DocumentWorkers.isSpringBootJar(bootJar.toString())).isTrue();
        assertThat(DocumentWorkers.isSpringBootJar(plainJar.toString())).isFalse();
        assertThat(DocumentWorkers.isSpringBootJar(bootJar + java.io.File.pathSeparator + plainJar)).isFalse();

        var command = new DocumentWorkers(limits(dir.resolve("scratch"))).command(dir.resolve("scratch/w1"), bootJar.toString());
        assertThat(command).containsSubsequence("-cp", bootJar.toString(), "-Dloader.main=" + DocumentWorker.class.getName(),
                "org.springframework.boot.loader.launch.PropertiesLauncher", "15000000");
    }

    @Test
    void scratchDirectoryShouldBePrivateAndLeftoversOfStoppedGatewaysRemoved(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("scratch");
        Files.createDirectories(root.resolve("999999999-1"));
        Files.writeString(root.resolve("999999999-1/cache.tmp"), "left by a gateway that was killed");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

        ScratchDirectory scratch = new ScratchDirectory(root);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(root.resolve("999999999-1")).doesNotExist();

        Path worker = scratch.newDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(worker))).isEqualTo("rwx------");
        Files.writeString(worker.resolve("page.tmp"), "scratch");
        ScratchDirectory.empty(worker);
        assertThat(worker).isEmptyDirectory();
    }

    @Test
    void detectedTypeShouldBeJudgedByTikasTypeRegistry() {
        DocumentWorker worker = new DocumentWorker(1000, 1000, 100, 100, 5);
        assertThat(worker.isDeclared(DocumentText.Kind.WORD,
                MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"))).isTrue();
        assertThat(worker.isDeclared(DocumentText.Kind.WORD, MediaType.application("msword"))).isTrue();
        assertThat(worker.isDeclared(DocumentText.Kind.WORD, MediaType.application("vnd.ms-excel"))).isFalse();
        assertThat(worker.isDeclared(DocumentText.Kind.WORD, MediaType.application("zip"))).isFalse();
        assertThat(worker.isDeclared(DocumentText.Kind.PDF, MediaType.application("x-msdownload"))).isFalse();
        assertThat(worker.isDeclared(DocumentText.Kind.HTML, MediaType.text("html"))).isTrue();
        assertThat(worker.isDeclared(DocumentText.Kind.TEXT, MediaType.text("csv"))).isTrue();
        assertThat(worker.isDeclared(DocumentText.Kind.RTF, MediaType.parse("text/rtf"))).isTrue();
    }

    private static Path jar(Path path, String startClass) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (startClass != null) {
            manifest.getMainAttributes().putValue("Start-Class", startClass);
        }
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return path;
    }
}
