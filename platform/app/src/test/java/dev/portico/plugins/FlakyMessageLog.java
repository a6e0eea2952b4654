package dev.portico.plugins;

import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.SentMessage;
import dev.portico.plugin.api.SentMessageLog;
import dev.portico.plugin.api.SettingDescriptor;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/** A badly behaved plugin for containment tests: it blows up, or hangs like a provider that never answers. */
@Extension
public class FlakyMessageLog implements SentMessageLog {

    @Override
    public List<SettingDescriptor> settings() {
        return List.of();
    }

    @Override
    public List<SentMessage> sentTo(String to, int limit, ExtensionContext context) {
        if (to.startsWith("hang")) {
            try {
                // Never counted down: stands in for a provider that stops answering.
                new CountDownLatch(1).await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
        throw new IllegalStateException("provider exploded with secret-token-123");
    }
}
