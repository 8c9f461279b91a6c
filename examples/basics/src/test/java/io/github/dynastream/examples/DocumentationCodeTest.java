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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code blocks of the README and of the guide in {@code docs/} are code the build compiles and
 * runs, so they cannot drift from it. A block marked {@code <!-- compiled: path -->} is the whole
 * file at that path (the package line may differ: the README shows a user's package); one marked
 * {@code <!-- snippet: path#name -->} is the region of that file between {@code // snippet:name} and
 * {@code // end:name}, without its common indentation.
 */
class DocumentationCodeTest {
    private static final Pattern BLOCK =
            Pattern.compile("<!-- (compiled|snippet): ([^\\s#]+)(?:#(\\S+))? -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null
                && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("core")))) {
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

    /** The lines between the region's markers, without the indentation they share. */
    static String region(String code, String name, Path file) {
        List<String> lines = code.lines().toList();
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("// snippet:" + name)) {
                start = i + 1;
            } else if (lines.get(i).strip().equals("// end:" + name) && start >= 0) {
                end = i;
                break;
            }
        }
        assertThat(start).as("snippet %s in %s", name, file).isPositive();
        assertThat(end).as("end of snippet %s in %s", name, file).isGreaterThanOrEqualTo(start);
        List<String> region = lines.subList(start, end);
        int indent = region.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return region.stream()
                        .map(line -> line.isBlank() ? "" : line.substring(indent))
                        .collect(Collectors.joining("\n"))
                + "\n";
    }

    private static List<Path> documents(Path root) throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyMarkedBlockIsTheCodeItNames() throws IOException {
        Path root = root();
        List<String> checked = new ArrayList<>();
        for (Path document : documents(root)) {
            Matcher blocks = BLOCK.matcher(Files.readString(document, StandardCharsets.UTF_8));
            while (blocks.find()) {
                Path file = root.resolve(blocks.group(2));
                assertThat(file)
                        .as("the file a block of %s names", document.getFileName())
                        .isRegularFile();
                String code = Files.readString(file, StandardCharsets.UTF_8);
                String where = document.getFileName() + " -> " + blocks.group(2)
                        + (blocks.group(3) == null ? "" : "#" + blocks.group(3));
                if (blocks.group(1).equals("compiled")) {
                    assertThat(withoutPackage(blocks.group(4))).as(where).isEqualTo(withoutPackage(code));
                } else {
                    assertThat(blocks.group(4)).as(where).isEqualTo(region(code, blocks.group(3), file));
                }
                checked.add(where);
            }
        }
        assertThat(checked)
                .anyMatch(w -> w.startsWith("README.md -> ") && w.endsWith("quickstart/Order.java"))
                .anyMatch(w -> w.endsWith("quickstart/OrderEventsTest.java"))
                .anyMatch(w -> w.endsWith("quickstart/SavedEventTest.java"))
                .anyMatch(w -> w.endsWith("readme/OrderEventsPropertiesTest.java"))
                .anyMatch(w -> w.startsWith("handlers.md -> "));
    }
}
