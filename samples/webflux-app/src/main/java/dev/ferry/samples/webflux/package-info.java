/**
 * A WebFlux application on Ferry's Spring Boot starter: {@link dev.ferry.samples.webflux.ObjectController}
 * streams uploads and downloads through S3 without holding an object in memory,
 * {@link dev.ferry.samples.webflux.MailController} sends mail through EWS,
 * {@link dev.ferry.samples.webflux.ProcessController} starts OSS asynchronous processing, and
 * {@link dev.ferry.samples.webflux.ProblemResponses} turns failures into RFC 9457 problem details.
 */
@NullMarked
package dev.ferry.samples.webflux;

import org.jspecify.annotations.NullMarked;
