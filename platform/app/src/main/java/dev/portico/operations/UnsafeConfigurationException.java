package dev.portico.operations;

import java.util.List;

/** Portico refused to start: the settings are unsafe. Its message lists every problem, one per line. */
class UnsafeConfigurationException extends IllegalStateException {

    private final List<String> problems;

    UnsafeConfigurationException(List<String> problems) {
        super("Portico refuses to start with an unsafe configuration:\n" + String.join("\n", problems.stream().map(p -> "  - " + p).toList()));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
