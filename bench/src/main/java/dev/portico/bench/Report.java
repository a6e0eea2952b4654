package dev.portico.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's results as one markdown page: machine and settings first, then a section per measured item, each a table
 * of figure, value, target and verdict. Printed at the end of a run and written to {@code bench/results/<date>.md}.
 */
final class Report {

    /** Whether a figure met its target. */
    enum Verdict {
        MET("met"),
        MISSED("**missed**"),
        /** A figure the targets say nothing about. */
        INFO(""),
        /** A target stated for another scale than this run's (e.g. a quick run's 20 studios against 1,000). */
        NOT_COMPARABLE("n/a at this scale"),
        FAILED("**failed**");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    record Row(String figure, String value, String target, Verdict verdict) {}

    /** One measured item: a title, an optional note on how it was measured, and its rows. */
    static final class Section {

        private final String title;
        private final List<String> notes = new ArrayList<>();
        private final List<Row> rows = new ArrayList<>();

        private Section(String title) {
            this.title = title;
        }

        Section note(String note) {
            notes.add(note);
            return this;
        }

        /** A figure with no target. */
        Section info(String figure, String value) {
            return row(figure, value, "", Verdict.INFO);
        }

        Section row(String figure, String value, String target, Verdict verdict) {
            rows.add(new Row(figure, value, target, verdict));
            return this;
        }

        /** Records that the item could not be measured, and why, so the rest of the run still reports. */
        Section failed(String figure, Exception cause) {
            return row(figure, String.valueOf(cause.getMessage()).lines().findFirst().orElse(cause.toString()), "", Verdict.FAILED);
        }
    }

    private final String title;
    private final Map<String, String> facts;
    private final List<Section> sections = new ArrayList<>();

    /** {@code facts}: the machine and the settings, in the order they should be listed. */
    Report(String title, Map<String, String> facts) {
        this.title = title;
        this.facts = facts;
    }

    Section section(String title) {
        Section section = new Section(title);
        sections.add(section);
        return section;
    }

    long count(Verdict verdict) {
        return sections.stream().flatMap(s -> s.rows.stream()).filter(r -> r.verdict() == verdict).count();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        facts.forEach((name, value) -> out.append("- ").append(name).append(": ").append(value).append('\n'));
        long met = count(Verdict.MET);
        long judged = met + count(Verdict.MISSED);
        out.append("\n**").append(met).append(" of ").append(judged).append(" targets met**");
        if (count(Verdict.FAILED) > 0) {
            out.append(", ").append(count(Verdict.FAILED)).append(" measurements failed");
        }
        out.append(".\n");
        for (Section section : sections) {
            out.append("\n## ").append(section.title).append("\n\n");
            section.notes.forEach(note -> out.append(note).append("\n\n"));
            out.append("| figure | value | target | met? |\n|---|---|---|---|\n");
            for (Row row : section.rows) {
                out.append("| ").append(cell(row.figure())).append(" | ").append(cell(row.value())).append(" | ")
                        .append(cell(row.target())).append(" | ").append(row.verdict().text).append(" |\n");
            }
        }
        return out.toString();
    }

    /** Writes the page to {@code file}, replacing an earlier run's. */
    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown());
        return file;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
