package dev.portico.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Visual checks: a screenshot is kept under {@code target/screenshots} (a build artifact) and compared with the
 * committed baseline of the same name in {@code src/test/resources/screenshots}. Two pixels differ when a colour
 * channel differs by more than {@value #CHANNEL_TOLERANCE}; the check fails when more than
 * {@value #MAX_DIFFERENT_PERCENT}% of pixels differ, and then also writes the differing pixels in red beside the
 * screenshot. {@code -Dportico.screenshots.update=true} writes the baselines anew, to be reviewed and committed.
 */
public final class Screenshots {

    static final int CHANNEL_TOLERANCE = 40;
    static final double MAX_DIFFERENT_PERCENT = 1.5;

    private final Path baselines;
    private final Path artifacts;

    Screenshots(Path baselines, Path artifacts) {
        this.baselines = baselines;
        this.artifacts = artifacts;
    }

    /** Baselines and artifacts of this module's build. */
    public static Screenshots ofThisModule() {
        return new Screenshots(Path.of("src/test/resources/screenshots"), Path.of("target/screenshots"));
    }

    public void assertMatchesBaseline(String name, byte[] png) {
        try {
            Files.createDirectories(artifacts);
            Files.write(artifacts.resolve(name + ".png"), png);
            Path baseline = baselines.resolve(name + ".png");
            if (Boolean.getBoolean("portico.screenshots.update")) {
                Files.createDirectories(baselines);
                Files.write(baseline, png);
                return;
            }
            if (!Files.exists(baseline)) {
                fail("No baseline " + baseline.toAbsolutePath() + "; run the test with -Dportico.screenshots.update=true, "
                        + "review the image and commit it.");
            }
            BufferedImage expected = ImageIO.read(baseline.toFile());
            BufferedImage actual = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(actual.getWidth() + "x" + actual.getHeight()).as(name + " size")
                    .isEqualTo(expected.getWidth() + "x" + expected.getHeight());
            BufferedImage diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_RGB);
            long different = 0;
            for (int y = 0; y < actual.getHeight(); y++) {
                for (int x = 0; x < actual.getWidth(); x++) {
                    int a = actual.getRGB(x, y);
                    int e = expected.getRGB(x, y);
                    boolean differs = channelDistance(a, e) > CHANNEL_TOLERANCE;
                    different += differs ? 1 : 0;
                    diff.setRGB(x, y, differs ? 0xff0000 : (a & 0xfefefe) >> 1);
                }
            }
            double percent = 100.0 * different / ((long) actual.getWidth() * actual.getHeight());
            if (percent > MAX_DIFFERENT_PERCENT) {
                ImageIO.write(diff, "png", artifacts.resolve(name + "-diff.png").toFile());
            }
            assertThat(percent).as("%% of pixels of %s that differ from its baseline (see %s)", name,
                    artifacts.resolve(name + "-diff.png").toAbsolutePath()).isLessThanOrEqualTo(MAX_DIFFERENT_PERCENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int channelDistance(int a, int b) {
        int red = Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff));
        int green = Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff));
        int blue = Math.abs((a & 0xff) - (b & 0xff));
        return Math.max(red, Math.max(green, blue));
    }
}
