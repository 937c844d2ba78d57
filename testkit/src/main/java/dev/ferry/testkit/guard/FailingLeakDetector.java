package dev.ferry.testkit.guard;

import io.netty.util.ResourceLeakDetector;

/**
 * A Netty leak detector that, besides logging, records every leak it reports so that
 * {@link GuardExtension} can fail the test. Installed with
 * {@code -Dio.netty.customResourceLeakDetector=dev.ferry.testkit.guard.FailingLeakDetector}.
 */
public final class FailingLeakDetector<T> extends ResourceLeakDetector<T> {

    public FailingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    public FailingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LeakGuard.record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LeakGuard.record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                + " (run with paranoid leak detection to see where it was accessed)");
        super.reportUntracedLeak(resourceType);
    }
}
