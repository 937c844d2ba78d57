/**
 * A reactive client for Alibaba Cloud OSS: asynchronous and synchronous data processing, the object
 * and multipart operations around them, and presigned URLs. Start with
 * {@link dev.ferry.oss.OssClient#builder()}; requests and responses are in {@code dev.ferry.oss.model}.
 */
@NullMarked
package dev.ferry.oss;

import org.jspecify.annotations.NullMarked;
