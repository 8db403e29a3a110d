package scot.sirgateway.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The private directory where document readers keep their scratch files (PDFBox's stream cache, Tika's
 * temporary copies): created by the gateway with mode 0700, one sub-directory per reader process, each
 * emptied after every document and removed when its process ends. At start, what a gateway that is no
 * longer running left there is removed.
 */
final class ScratchDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final Path root;

    ScratchDirectory(Path configured) {
        root = configured != null ? configured
                : Path.of(System.getProperty("java.io.tmpdir"), "sir-gateway-scratch-" + System.getProperty("user.name"));
        try {
            createPrivate(root);
            removeLeftovers();
        } catch (IOException e) {
            throw new IllegalStateException("The scratch directory for documents cannot be made private "
                    + "(gateway.extract.scratch-dir): " + e.getClass().getSimpleName(), e);
        }
    }

    Path root() {
        return root;
    }

    /** A new private directory for one reader process: {@code <pid>-<n>}. */
    Path newDirectory() {
        Path directory = root.resolve(ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet());
        try {
            createPrivate(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes what is inside a reader's directory, leaving the directory. */
    static void empty(Path directory) {
        try (Stream<Path> inside = Files.list(directory)) {
            inside.forEach(ScratchDirectory::deleteTree);
        } catch (IOException e) {
            // gone already: nothing left to delete
        }
    }

    static void delete(Path directory) {
        deleteTree(directory);
    }

    /** The directories of gateways that are no longer running (their process id is in the name). */
    private void removeLeftovers() throws IOException {
        try (Stream<Path> inside = Files.list(root)) {
            inside.filter(ScratchDirectory::leftOver).forEach(ScratchDirectory::deleteTree);
        }
    }

    private static boolean leftOver(Path directory) {
        String name = directory.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Makes the directory with mode 0700, or checks that the one there is ours and makes it 0700. */
    private static void createPrivate(Path directory) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Files.createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory, ownerOnly);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("not a directory");
            }
            if (!Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                throw new IOException("owned by another user");
            }
        }
        Files.setPosixFilePermissions(directory, OWNER_ONLY);
    }

    private static void deleteTree(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file a reader still writes; the next emptying takes it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // gone already
        }
    }
}
