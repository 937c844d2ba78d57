/**
 * The requests, responses and values of {@link dev.ferry.oss.OssClient}: immutable records validated
 * when they are built, and the {@link dev.ferry.oss.model.ProcessInstruction} builder.
 */
@NullMarked
package dev.ferry.oss.model;

import org.jspecify.annotations.NullMarked;
