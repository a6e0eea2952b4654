package dev.portico.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AvailabilityBenchmark} with JMH in a forked JVM (its annotations set the fork, heap and iterations; a
 * quick run shortens them) and returns one score per benchmark, average time per call in microseconds.
 */
final class EngineMicrobenchmarks {

    private EngineMicrobenchmarks() {
    }

    /** A benchmark's score: mean and the 99.9% confidence half-width. */
    record Score(String benchmark, double micros, double error) {}

    static List<Score> run(boolean quick, Path log) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(AvailabilityBenchmark.class.getName())
                .output(log.toString());
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        return results.stream().map(result -> {
            Result<?> primary = result.getPrimaryResult();
            String name = result.getParams().getBenchmark();
            if (!"us/op".equals(primary.getScoreUnit())) {
                throw new IllegalStateException(name + " scored in " + primary.getScoreUnit() + ", expected us/op");
            }
            return new Score(name.substring(name.lastIndexOf('.') + 1), primary.getScore(), primary.getScoreError());
        }).sorted(Comparator.comparing(Score::benchmark)).toList();
    }
}
