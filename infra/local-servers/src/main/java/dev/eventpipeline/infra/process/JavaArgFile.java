package dev.eventpipeline.infra.process;

import dev.eventpipeline.infra.security.OwnerOnlyFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A java launcher @argfile: each argument quoted, one per line. The launcher reads the file itself, so
 * what it holds never appears in the process's command line (/proc/&lt;pid&gt;/cmdline shows only
 * {@code @file}); written mode 600 because it may hold secrets.
 */
public final class JavaArgFile {

    private JavaArgFile() {}

    public static Path write(Path file, List<String> arguments) {
        String text = arguments.stream().map(JavaArgFile::quote).collect(Collectors.joining(System.lineSeparator()));
        return OwnerOnlyFiles.write(file, text + System.lineSeparator());
    }

    /** Double quotes, with backslash and quote escaped, as the launcher's argument-file syntax wants. */
    static String quote(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
