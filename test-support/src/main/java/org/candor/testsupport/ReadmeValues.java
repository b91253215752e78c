package org.candor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The "Values a request takes" section of a service's README, so that a test can hold it against the enums the
 * service's requests take: a value added to the code and not to the README fails the build.
 */
public final class ReadmeValues {

    private static final String HEADING = "### Values a request takes";

    private final String section;

    private ReadmeValues(String section) {
        this.section = section;
    }

    /** The section of the README in the module's directory (where Maven runs the tests). */
    public static ReadmeValues ofThisService() {
        try {
            String readme = Files.readString(Path.of("README.md"));
            int start = readme.indexOf(HEADING);
            if (start < 0) {
                throw new AssertionError("README.md has no section '" + HEADING + "'");
            }
            int end = readme.indexOf("\n## ", start);
            return new ReadmeValues(readme.substring(start, end < 0 ? readme.length() : end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The constants of {@code type} the section does not name (as a whole word), empty when it names each. */
    public List<String> missing(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .filter(name -> !section.matches("(?s).*(?<![A-Za-z_])" + name + "(?![A-Za-z_]).*")).toList();
    }
}
