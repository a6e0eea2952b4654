package dev.portico.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.portico.bench.Report.Verdict;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportUnitTests {

    @Test
    void theTableGivesEachFigureItsTargetAndVerdictAndTheHeadCountsOnlyJudgedFigures() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("machine", "2 CPUs");
        Report report = new Report("Portico benchmark", facts);
        report.section("1. Reads").note("How it was measured.")
                .row("max throughput | portal", "900/s", "≥ 1,000/s", Verdict.of(false))
                .row("p99", "40 ms", "≤ 150 ms", Verdict.of(true))
                .info("mean answer", "2,819 B");
        report.section("2. Migration").row("1,000 schemas", "80 s", "< 120 s for 1,000", Verdict.NOT_COMPARABLE)
                .failed("no-op re-run", new IllegalStateException("database gone\nat line 2"));

        String markdown = report.markdown();

        assertThat(markdown).startsWith("# Portico benchmark\n\n- machine: 2 CPUs\n\n**1 of 2 targets met**, 1 measurements failed.\n");
        assertThat(markdown).contains("""
                ## 1. Reads

                How it was measured.

                | figure | value | target | met? |
                |---|---|---|---|
                | max throughput \\| portal | 900/s | ≥ 1,000/s | **missed** |
                | p99 | 40 ms | ≤ 150 ms | met |
                | mean answer | 2,819 B |  |  |
                """);
        assertThat(markdown).contains("| 1,000 schemas | 80 s | < 120 s for 1,000 | n/a at this scale |\n"
                + "| no-op re-run | database gone |  | **failed** |\n");
    }

    @Test
    void latenciesRecordedInNanosecondsReadAsMillisecondPercentiles() {
        Histogram histogram = Latency.histogram();
        for (int millis = 1; millis <= 100; millis++) {
            Latency.record(histogram, Duration.ofMillis(millis).toNanos());
        }

        Latency latency = Latency.of(histogram);

        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.p50()).isCloseTo(50, offset(0.1));
        assertThat(latency.p99()).isCloseTo(99, offset(0.1));
        assertThat(latency.percentiles()).isEqualTo("50.0 / 95.0 / 99.0 ms");
    }
}
