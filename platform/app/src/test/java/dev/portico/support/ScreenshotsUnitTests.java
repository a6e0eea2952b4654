package dev.portico.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The visual check itself: it must pass on rendering noise and fail on a visible change. */
class ScreenshotsUnitTests {

    private static final String NAME = "page";

    @TempDir
    Path folder;

    private Screenshots screenshots;

    @BeforeEach
    void writeBaseline() throws IOException {
        Files.createDirectories(folder.resolve("baselines"));
        Files.write(folder.resolve("baselines").resolve(NAME + ".png"), png(image(Color.WHITE, 0)));
        screenshots = new Screenshots(folder.resolve("baselines"), folder.resolve("artifacts"));
    }

    @Test
    void theSameImageAndSlightColourNoisePass() {
        assertThatCode(() -> screenshots.assertMatchesBaseline(NAME, png(image(Color.WHITE, 0)))).doesNotThrowAnyException();
        assertThatCode(() -> screenshots.assertMatchesBaseline(NAME, png(image(new Color(245, 245, 245), 0))))
                .doesNotThrowAnyException();
    }

    @Test
    void aBlockThatMovedOrChangedColourFails() {
        assertThatThrownBy(() -> screenshots.assertMatchesBaseline(NAME, png(image(Color.WHITE, 30))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("differ from its baseline");
        assertThat(folder.resolve("artifacts").resolve(NAME + "-diff.png")).exists();
        assertThatThrownBy(() -> screenshots.assertMatchesBaseline(NAME, png(image(Color.BLACK, 0))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aDifferentSizeFails() {
        assertThatThrownBy(() -> screenshots.assertMatchesBaseline(NAME, png(new BufferedImage(100, 90, BufferedImage.TYPE_INT_RGB))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("size");
    }

    /** A 100x100 image of the given background with a 20x20 dark block at (10 + shift, 10). */
    private static BufferedImage image(Color background, int shift) {
        BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, 100, 100);
        g.setColor(new Color(30, 60, 50));
        g.fillRect(10 + shift, 10, 20, 20);
        g.dispose();
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
