/**
 * {@code ./ferry load}: a load-test harness for S3-compatible storage on Ferry's public API. See
 * {@link dev.ferry.samples.load.LoadCommand} for the run and {@link dev.ferry.samples.load.LoadDriver}
 * for how operations are scheduled and measured.
 */
@NullMarked
package dev.ferry.samples.load;

import org.jspecify.annotations.NullMarked;
