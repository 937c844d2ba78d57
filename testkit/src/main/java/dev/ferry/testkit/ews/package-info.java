/**
 * A mock Exchange (EWS) server for tests: {@link dev.ferry.testkit.ews.MockExchange}, with the
 * schema validator every request goes through. It shares no code with Ferry's EWS client.
 */
@NullMarked
package dev.ferry.testkit.ews;

import org.jspecify.annotations.NullMarked;
