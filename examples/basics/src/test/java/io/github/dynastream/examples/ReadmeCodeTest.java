package io.github.dynastream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's code blocks marked {@code <!-- compiled: path -->} are the files at those paths, which
 * the build compiles and tests: a README block cannot drift from code that works. The package line
 * may differ (the README shows a user's package).
 */
class ReadmeCodeTest {
    private static final Pattern BLOCK =
            Pattern.compile("<!-- compiled: (\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))
                || !Files.isDirectory(dir.resolve("core"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static String withoutPackage(String code) {
        return code.lines()
                        .filter(line -> !line.startsWith("package "))
                        .collect(Collectors.joining("\n"))
                        .strip()
                + "\n";
    }

    @Test
    void everyCompiledBlockIsTheFileItNames() throws IOException {
        Path root = root();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher blocks = BLOCK.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (blocks.find()) {
            Path file = root.resolve(blocks.group(1));
            assertThat(file).as("the file a README block names").isRegularFile();
            assertThat(withoutPackage(blocks.group(2)))
                    .as("the README's block for %s", blocks.group(1))
                    .isEqualTo(withoutPackage(Files.readString(file, StandardCharsets.UTF_8)));
            checked.add(file.getFileName().toString());
        }
        assertThat(checked)
                .contains(
                        "Order.java",
                        "OrderEvents.java",
                        "Handler.java",
                        "OrderEventsTest.java",
                        "OrderEventsPropertiesTest.java",
                        "OrderTotalsHandler.java");
    }
}
