/**
 * A fault-injection proxy for tests: {@link dev.ferry.testkit.fault.FaultProxy} in front of any
 * HTTP server, breaking chosen requests as networks and servers do (resets, 503 bursts, truncated
 * and stalled bodies, delays).
 */
@NullMarked
package dev.ferry.testkit.fault;

import org.jspecify.annotations.NullMarked;
